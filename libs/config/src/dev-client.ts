import { env } from './env';

/**
 * The confidential client through which development tools get a demo user's token with the password grant
 * (`npm run token`, the tests, the bench). Only the development realm has it, with the documented
 * development secret: the platform itself never uses it, and a real realm must not have it (its public
 * client `prosmed-web` does the authorization code with PKCE, and refuses the password grant).
 */
export interface DevTokenClient {
  clientId: string;
  clientSecret: string;
}

export function loadDevTokenClient(src: Record<string, string | undefined> = process.env): DevTokenClient {
  return {
    clientId: env.str(src, 'KEYCLOAK_DEV_CLIENT_ID', 'prosmed-dev'),
    // Development value of the demo realm (deploy/keycloak/prosmed-realm.json).
    clientSecret: env.str(src, 'KEYCLOAK_DEV_CLIENT_SECRET', 'prosmed-dev-secret'),
  };
}

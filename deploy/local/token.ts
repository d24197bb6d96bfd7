/**
 * `npm run -s token -- <demo user>`: prints an access token of a demo user and nothing else on stdout:
 * the password grant on the development client `prosmed-dev` (development secret), the only client of the
 * realm that accepts it; the browser's client `prosmed-web` does the authorization code with PKCE only.
 */
import { loadDevTokenClient, loadPlatformConfig } from '@prosmed/config';
import { loadDemoUsers } from './realm';

export async function fetchToken(username: string, password: string): Promise<string> {
  const kc = loadPlatformConfig('prosmed-token').keycloak;
  const client = loadDevTokenClient();
  const res = await fetch(`${kc.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: client.clientId,
      client_secret: client.clientSecret,
      username,
      password,
      scope: 'openid',
    }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    error?: string;
    error_description?: string;
  };
  if (!res.ok || !body.access_token) {
    throw new Error(
      `Keycloak refused the token for ${username} (HTTP ${res.status}${body.error ? `, ${body.error}` : ''}${
        body.error_description ? `: ${body.error_description}` : ''
      })`,
    );
  }
  return body.access_token;
}

async function main(): Promise<number> {
  const name = process.argv[2];
  let users;
  try {
    users = loadDemoUsers();
  } catch (err) {
    process.stderr.write(`token: ${(err as Error).message}\n`);
    return 1;
  }
  const user = name ? users.find((u) => u.username === name) : undefined;
  if (!user) {
    process.stderr.write(
      `${name ? `unknown demo user "${name}"` : 'which demo user?'}; demo users: ${users.map((u) => u.username).join(', ')}\n`,
    );
    return 2;
  }
  try {
    process.stdout.write(`${await fetchToken(user.username, user.password)}\n`);
    return 0;
  } catch (err) {
    const msg = (err as Error).message;
    const down = /fetch failed|ECONNREFUSED|aborted|timeout/i.test(msg);
    process.stderr.write(
      `token: ${down ? `Keycloak does not answer (${msg}); run npm run stack:up` : msg}\n`,
    );
    return 1;
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`token: ${String(err)}\n`);
      process.exit(1);
    },
  );
}

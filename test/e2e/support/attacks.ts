import { createPublicKey } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { testConfig, tokenFor } from '@prosmed/testing';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/**
 * Tokens an attacker could send, each of which the gateway must refuse with 401. Claims are copied from
 * a real access token, so only the property under test is wrong.
 */
export async function attackTokens(): Promise<Record<string, string>> {
  const cfg = testConfig();
  const real = await tokenFor('manager');
  const claims = decodeJwt(real);
  const { kid } = decodeProtectedHeader(real);
  const jwks = (await (await fetch(cfg.keycloak.jwksUri)).json()) as { keys: JWK[] };
  const realKey = jwks.keys.find((k) => k.kid === kid)!;
  const attacker = await generateKeyPair('RS256');
  const fresh = (over: JWTPayload = {}): JWTPayload => ({
    ...claims,
    iat: now(),
    exp: now() + 300,
    realm_access: { roles: ['admin'] },
    ...over,
  });
  const signOwn = (payload: JWTPayload, useKid = kid) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: useKid })
      .sign(attacker.privateKey);

  // HS256 keyed with the realm's public key as the shared secret (the classic algorithm confusion).
  const pem = createPublicKey({ key: realKey as never, format: 'jwk' }).export({
    type: 'spki',
    format: 'pem',
  });
  const hs256 = await new SignJWT(fresh())
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid })
    .sign(new Uint8Array(Buffer.from(pem)));

  // A real token of another realm (master), issued to admin-cli for the bootstrap admin.
  const masterRes = await fetch(`${cfg.keycloak.url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: process.env.KEYCLOAK_ADMIN_USER ?? 'admin',
      password: process.env.KEYCLOAK_ADMIN_PASSWORD ?? 'admin',
    }),
  });
  const master = ((await masterRes.json()) as { access_token?: string }).access_token;
  if (!master) throw new Error(`no master realm token (HTTP ${masterRes.status})`);

  const [h, p, s] = real.split('.');
  return {
    'expired (own key)': await signOwn(fresh({ iat: now() - 900, exp: now() - 600 })),
    'not yet valid (own key)': await signOwn(fresh({ nbf: now() + 600 })),
    'bad signature: attacker key under the realm kid': await signOwn(fresh()),
    'bad signature: attacker key under an unknown kid': await signOwn(fresh(), 'attacker-kid'),
    'tampered payload with the real signature': `${h}.${b64({ ...claims, realm_access: { roles: ['admin'] } })}.${s}`,
    'alg none': `${b64({ alg: 'none', typ: 'JWT' })}.${b64(fresh())}.`,
    'HS256 signed with the realm public key': hs256,
    'another realm (master)': master,
    'wrong audience (client prosmed-other)': await tokenFor({
      username: 'manager',
      clientId: 'prosmed-other',
      clientSecret: 'prosmed-other-dev-secret',
    }),
    'garbage: one word': 'garbage',
    'garbage: three dots': 'a.b.c',
    'garbage: header only': `${h}..`,
    'garbage: payload of the real token only': `.${p}.`,
  };
}

import { createPublicKey } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
  type KeyLike,
} from 'jose';
import { identityOf, InvalidTokenError, TokenVerifier } from './token-verifier';

const issuer = 'http://127.0.0.1:8080/realms/prosmed';
const audience = 'prosmed-api';
const now = () => Math.floor(Date.now() / 1000);

let key: { privateKey: KeyLike; publicKey: KeyLike };
let jwk: JWK;
let verifier: TokenVerifier;

const claims = (over: JWTPayload = {}): JWTPayload => ({
  iss: issuer,
  aud: [audience, 'account'],
  sub: 'f3b0c2d4-0000-4000-8000-000000000001',
  typ: 'Bearer',
  iat: now(),
  exp: now() + 300,
  preferred_username: 'secretaire.segou',
  realm_access: { roles: ['cofo-secretary', 'offline_access'] },
  cofo_id: 'SEG01',
  ...over,
});

const sign = (payload: JWTPayload, k: KeyLike = key.privateKey, kid = 'k1', alg = 'RS256') =>
  new SignJWT(payload).setProtectedHeader({ alg, kid, typ: 'JWT' }).sign(k);

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

async function reason(token: string): Promise<string> {
  try {
    await verifier.verify(token);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidTokenError);
    return (e as InvalidTokenError).reason;
  }
  throw new Error('token was accepted');
}

beforeAll(async () => {
  key = await generateKeyPair('RS256');
  jwk = { ...(await exportJWK(key.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  verifier = new TokenVerifier({
    issuer,
    audience,
    jwksUri: 'http://unused.invalid/certs',
    keySet: createLocalJWKSet({ keys: [jwk] }),
  });
});

describe('TokenVerifier with an injected key set', () => {
  it('accepts a well-formed access token and reads the identity', async () => {
    const { identity } = await verifier.verify(await sign(claims()));
    expect(identity).toEqual({
      sub: 'f3b0c2d4-0000-4000-8000-000000000001',
      username: 'secretaire.segou',
      roles: ['cofo-secretary', 'offline_access'],
      cofoId: 'SEG01',
    });
  });

  it('refuses an expired token (beyond the clock tolerance)', async () => {
    expect(await reason(await sign(claims({ iat: now() - 600, exp: now() - 60 })))).toBe('ERR_JWT_EXPIRED');
  });

  it('tolerates a few seconds of clock skew, not more', async () => {
    await expect(verifier.verify(await sign(claims({ exp: now() - 2 })))).resolves.toBeDefined();
    expect(await reason(await sign(claims({ exp: now() - 30 })))).toBe('ERR_JWT_EXPIRED');
  });

  it('refuses a token not yet valid (nbf in the future)', async () => {
    expect(await reason(await sign(claims({ nbf: now() + 120 })))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('refuses a token without exp or sub', async () => {
    const noExp = claims();
    delete noExp.exp;
    expect(await reason(await sign(noExp))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    const noSub = claims();
    delete noSub.sub;
    expect(await reason(await sign(noSub))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('refuses another issuer and another audience', async () => {
    expect(await reason(await sign(claims({ iss: 'http://127.0.0.1:8080/realms/master' })))).toBe(
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    );
    expect(await reason(await sign(claims({ aud: 'account' })))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
  });

  it('refuses a signature by a key that is not in the key set', async () => {
    const other = await generateKeyPair('RS256');
    expect(await reason(await sign(claims(), other.privateKey, 'k1'))).toBe(
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
    expect(await reason(await sign(claims(), other.privateKey, 'unknown-kid'))).toBe(
      'ERR_JWKS_NO_MATCHING_KEY',
    );
  });

  it('refuses alg none', async () => {
    const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims())}.`;
    expect(await reason(token)).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('refuses HS256 signed with the public key bytes (algorithm confusion)', async () => {
    const pem = createPublicKey({ key: jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const token = await new SignJWT(claims())
      .setProtectedHeader({ alg: 'HS256', kid: 'k1' })
      .sign(new Uint8Array(Buffer.from(pem)));
    expect(await reason(token)).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('refuses refresh and ID tokens signed by the realm', async () => {
    expect(await reason(await sign(claims({ typ: 'Refresh' })))).toBe('not an access token');
    expect(await reason(await sign(claims({ typ: 'ID' })))).toBe('not an access token');
  });

  it('refuses garbage', async () => {
    expect(await reason('')).toBe('malformed');
    expect(await reason('garbage')).toBe('malformed');
    expect(await reason('a.b.c')).not.toBe('');
    expect(await reason(`${b64({ alg: 'RS256' })}.${b64(claims())}.AAAA`)).toBeDefined();
  });
});

describe('identityOf', () => {
  it('keeps only non-empty scope attributes and string roles', () => {
    expect(
      identityOf({
        sub: 's',
        realm_access: { roles: ['tribunal-clerk', 42 as unknown as string] },
        tribunal_id: 'TI-SAN',
        cofo_id: '',
      }),
    ).toEqual({ sub: 's', username: 's', roles: ['tribunal-clerk'], tribunalId: 'TI-SAN' });
  });
});

import { decodeJwt } from 'jose';
import { testConfig, tokenFor } from '@prosmed/testing';
import { InvalidTokenError, TokenVerifier } from './token-verifier';

const cfg = testConfig();
const verifier = new TokenVerifier({
  issuer: cfg.keycloak.issuer,
  audience: cfg.keycloak.audience,
  jwksUri: cfg.keycloak.jwksUri,
});

describe('Keycloak access tokens verified against the realm JWKS', () => {
  it('gives a CoFo secretary her role and her CoFo', async () => {
    const { identity, claims } = await verifier.verify(await tokenFor('secretaire.segou'));
    expect(identity.username).toBe('secretaire.segou');
    expect(identity.roles).toContain('cofo-secretary');
    expect(identity.roles).not.toContain('admin');
    expect(identity.cofoId).toBe('SEG01');
    expect(identity.tribunalId).toBeUndefined();
    expect(claims.iss).toBe('http://127.0.0.1:8080/realms/prosmed');
    expect([claims.aud].flat()).toContain('prosmed-api');
  });

  it('gives a tribunal clerk her role and her tribunal', async () => {
    const { identity } = await verifier.verify(await tokenFor('greffier.segou'));
    expect(identity.roles).toContain('tribunal-clerk');
    expect(identity.roles).not.toContain('cofo-secretary');
    expect(identity.tribunalId).toBe('TI-SEGOU');
    expect(identity.cofoId).toBeUndefined();
  });

  it('refuses a real token of the same realm issued for another audience', async () => {
    const other = await tokenFor({
      username: 'secretaire.segou',
      clientId: 'prosmed-other',
      clientSecret: 'prosmed-other-dev-secret',
    });
    expect([decodeJwt(other).aud].flat()).not.toContain('prosmed-api');
    await expect(verifier.verify(other)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verifier.verify(other)).rejects.toMatchObject({ reason: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
  });

  it('refuses a token whose signature was tampered with', async () => {
    const [h, p] = (await tokenFor('manager')).split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...decodeJwt(`${h}.${p}.x`), realm_access: { roles: ['admin'] } }),
    ).toString('base64url');
    await expect(verifier.verify(`${h}.${forged}.${'A'.repeat(342)}`)).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
  });
});

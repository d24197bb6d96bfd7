import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Identity } from '@prosmed/contracts';

/** Asymmetric algorithms only: `none` and the HS family are never accepted, whatever the header says. */
export const ALLOWED_ALGORITHMS = ['RS256', 'PS256', 'ES256'] as const;

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  jwksUri: string;
  /** Leeway for clock skew between Keycloak and us, in seconds. */
  clockToleranceSec?: number;
  /** Injected key set (tests of pure logic); by default the realm's JWKS over HTTP. */
  keySet?: JWTVerifyGetKey;
}

/** Why a token was refused; always answered as 401 with code `AUTH_INVALID_TOKEN`. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface KeycloakAccessToken extends JWTPayload {
  preferred_username?: string;
  realm_access?: { roles?: string[] };
  cofo_id?: string;
  tribunal_id?: string;
  ccs_id?: string;
  structure_id?: string;
}

/**
 * Verifies Keycloak access tokens: signature against the realm's JWKS (cached by jose, refetched when a
 * token names an unknown `kid`, which is how key rotation shows), issuer, audience, expiry and not-before,
 * and the algorithm from an allow-list.
 */
export class TokenVerifier {
  private readonly keys: JWTVerifyGetKey;

  constructor(private readonly opts: TokenVerifierOptions) {
    this.keys =
      opts.keySet ??
      createRemoteJWKSet(new URL(opts.jwksUri), {
        cooldownDuration: 30_000,
        cacheMaxAge: 10 * 60_000,
        timeoutDuration: 5000,
      });
  }

  async verify(token: string): Promise<{ identity: Identity; claims: KeycloakAccessToken }> {
    if (!token || token.split('.').length !== 3) throw new InvalidTokenError('malformed');
    try {
      const { payload } = await jwtVerify<KeycloakAccessToken>(token, this.keys, {
        issuer: this.opts.issuer,
        audience: this.opts.audience,
        algorithms: [...ALLOWED_ALGORITHMS],
        clockTolerance: this.opts.clockToleranceSec ?? 5,
        requiredClaims: ['exp', 'sub'],
      });
      if (payload.typ !== undefined && payload.typ !== 'Bearer')
        throw new InvalidTokenError('not an access token');
      return { identity: identityOf(payload), claims: payload };
    } catch (err) {
      if (err instanceof InvalidTokenError) throw err;
      if (err instanceof errors.JOSEError) throw new InvalidTokenError(err.code);
      throw new InvalidTokenError('unverifiable');
    }
  }

  /** Fetches the key set once; `/api/ready` uses it to prove Keycloak's JWKS is reachable. */
  async ping(): Promise<void> {
    const res = await fetch(this.opts.jwksUri, { signal: AbortSignal.timeout(3000) });
    if (!res.ok) throw new Error(`JWKS answered ${res.status}`);
  }
}

const attr = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

export function identityOf(p: KeycloakAccessToken): Identity {
  const id: Identity = {
    sub: String(p.sub),
    username: p.preferred_username ?? String(p.sub),
    roles: (p.realm_access?.roles ?? []).filter((r) => typeof r === 'string'),
  };
  const cofoId = attr(p.cofo_id);
  const tribunalId = attr(p.tribunal_id);
  const ccsId = attr(p.ccs_id);
  const structureId = attr(p.structure_id);
  if (cofoId) id.cofoId = cofoId;
  if (tribunalId) id.tribunalId = tribunalId;
  if (ccsId) id.ccsId = ccsId;
  if (structureId) id.structureId = structureId;
  return id;
}

// The pure parts of sign-in (OAuth 2 authorization code with PKCE S256, OpenID Connect end-session):
// no DOM, no storage, unit-tested (pkce.spec.ts). The browser side is session.ts.

export interface OidcEndpoints {
  authorize: string;
  token: string;
  logout: string;
}

/** Keycloak's endpoints under its issuer (the issuer comes from /app-config.json). */
export function endpointsOf(issuer: string): OidcEndpoints {
  const base = `${issuer.replace(/\/+$/, '')}/protocol/openid-connect`;
  return { authorize: `${base}/auth`, token: `${base}/token`, logout: `${base}/logout` };
}

export function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** A random value of `bytes` bytes, base64url (32 bytes: a 43-character PKCE verifier). */
export function randomToken(bytes = 32): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)). */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export function authorizeUrl(p: {
  issuer: string;
  clientId: string;
  redirectUri: string;
  state: string;
  nonce: string;
  challenge: string;
  lang: string;
}): string {
  const q = new URLSearchParams({
    client_id: p.clientId,
    response_type: 'code',
    redirect_uri: p.redirectUri,
    scope: 'openid',
    state: p.state,
    nonce: p.nonce,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
    ui_locales: p.lang,
  });
  return `${endpointsOf(p.issuer).authorize}?${q.toString()}`;
}

export type Callback = { code: string; state: string } | { error: string; state?: string } | undefined;

/** What Keycloak put in the query string on the way back, if it is a sign-in answer. */
export function parseCallback(search: string): Callback {
  const q = new URLSearchParams(search);
  const state = q.get('state') ?? undefined;
  if (q.get('error')) return { error: q.get('error_description') ?? q.get('error') ?? 'error', state };
  const code = q.get('code');
  if (code && state) return { code, state };
  return undefined;
}

export function codeGrantBody(p: { clientId: string; code: string; verifier: string; redirectUri: string }) {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: p.clientId,
    code: p.code,
    code_verifier: p.verifier,
    redirect_uri: p.redirectUri,
  });
}

export function refreshGrantBody(p: { clientId: string; refreshToken: string }) {
  return new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: p.clientId,
    refresh_token: p.refreshToken,
  });
}

/** Keycloak's end-session URL: with the id token as hint it signs out without asking, then comes back. */
export function logoutUrl(p: {
  issuer: string;
  clientId: string;
  idToken: string;
  postLogout: string;
}): string {
  const q = new URLSearchParams({
    client_id: p.clientId,
    id_token_hint: p.idToken,
    post_logout_redirect_uri: p.postLogout,
  });
  return `${endpointsOf(p.issuer).logout}?${q.toString()}`;
}

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  /** Epoch ms at which the access token expires. */
  expiresAt: number;
  /** Epoch ms at which the refresh token expires (the SSO session's idle limit). */
  refreshExpiresAt?: number;
}

/** A token endpoint answer as a TokenSet; `now` is the time the request was sent (a safe underestimate). */
export function tokenSetOf(
  body: {
    access_token: string;
    refresh_token?: string;
    id_token?: string;
    expires_in: number;
    refresh_expires_in?: number;
  },
  now: number,
  previous?: TokenSet,
): TokenSet {
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token ?? previous?.refreshToken,
    idToken: body.id_token ?? previous?.idToken,
    expiresAt: now + body.expires_in * 1000,
    refreshExpiresAt: body.refresh_expires_in
      ? now + body.refresh_expires_in * 1000
      : previous?.refreshExpiresAt,
  };
}

/** Refresh this long before expiry: a 5-minute token is refreshed after 4, so a form never meets a 401. */
export const REFRESH_MARGIN_MS = 60_000;

/** How long to wait before refreshing (never less than 5 s, so a clock skew cannot make a loop). */
export function refreshDelay(t: TokenSet, now: number): number {
  return Math.max(5_000, t.expiresAt - now - REFRESH_MARGIN_MS);
}

/** True when the access token should be refreshed before being sent. */
export function needsRefresh(t: TokenSet, now: number): boolean {
  return t.expiresAt - now < 30_000;
}

// Sign-in in the browser: the redirect to Keycloak and back, tokens in sessionStorage (per tab, gone with
// it), the silent refresh before expiry, and the real sign-out. The pure parts are in pkce.ts.
import { config } from '../config';
import { getLang } from '../i18n/lang';
import { decodeJwt, type User, userOf } from './claims';
import {
  authorizeUrl,
  challengeOf,
  codeGrantBody,
  endpointsOf,
  logoutUrl,
  needsRefresh,
  parseCallback,
  randomToken,
  refreshDelay,
  refreshGrantBody,
  type TokenSet,
  tokenSetOf,
} from './pkce';

const TOKENS = 'prosmed.tokens';
const PENDING = 'prosmed.login';
/** A sign-in started less than this long ago is still going on: do not start a second one. */
const LOGIN_GUARD_MS = 60_000;

let tokens: TokenSet | undefined;
let user: User | undefined;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<TokenSet | undefined> | undefined;
const listeners = new Set<() => void>();

export function currentUser(): User | undefined {
  return user;
}

export function onAuthChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function redirectUri(): string {
  return `${location.origin}/`;
}

function setTokens(t: TokenSet | undefined): void {
  tokens = t;
  user = t ? userOf(decodeJwt(t.accessToken)) : undefined;
  if (t) sessionStorage.setItem(TOKENS, JSON.stringify(t));
  else sessionStorage.removeItem(TOKENS);
  clearTimeout(refreshTimer);
  if (t?.refreshToken) {
    refreshTimer = setTimeout(() => void refresh(), refreshDelay(t, Date.now()));
  }
  listeners.forEach((fn) => fn());
}

/**
 * Starts the sign-in (a redirect to Keycloak's page), unless another tab of this browser started one less
 * than a minute ago (false): Keycloak 26's brute-force guard refuses a second concurrent login of the same
 * user, and once the first has finished, Keycloak's session cookie signs this tab in without a password.
 */
export async function login(): Promise<boolean> {
  const pending = JSON.parse(localStorage.getItem(PENDING) ?? 'null') as { at: number } | null;
  // Another tab's sign-in still going on: wait for it (this tab may start again one it started itself,
  // after coming back from Keycloak's page without signing in).
  const mine = sessionStorage.getItem(PENDING) !== null;
  if (pending && Date.now() - pending.at < LOGIN_GUARD_MS && !mine) return false;
  const { issuer, clientId } = config();
  const verifier = randomToken(32);
  const state = randomToken(16);
  const nonce = randomToken(16);
  localStorage.setItem(PENDING, JSON.stringify({ at: Date.now() }));
  sessionStorage.setItem(PENDING, JSON.stringify({ state, verifier, hash: location.hash }));
  location.assign(
    authorizeUrl({
      issuer,
      clientId,
      redirectUri: redirectUri(),
      state,
      nonce,
      challenge: await challengeOf(verifier),
      lang: getLang(),
    }),
  );
  return true;
}

/**
 * At start: the answer from Keycloak (code exchanged once, then removed from the address bar), or the
 * tokens this tab already had. Returns the error to show when the sign-in failed.
 */
export async function initAuth(): Promise<string | undefined> {
  const cb = parseCallback(location.search);
  if (cb) {
    const saved = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as {
      state: string;
      verifier: string;
      hash: string;
    } | null;
    // Used once: a reload of the callback address must not exchange the code again.
    sessionStorage.removeItem(PENDING);
    localStorage.removeItem(PENDING);
    history.replaceState(null, '', `/${saved?.hash ?? ''}`);
    if ('error' in cb) return cb.error;
    if (!saved || saved.state !== cb.state) return 'state mismatch';
    const { clientId } = config();
    const now = Date.now();
    const res = await fetch(endpointsOf(config().issuer).token, {
      method: 'POST',
      body: codeGrantBody({ clientId, code: cb.code, verifier: saved.verifier, redirectUri: redirectUri() }),
    });
    if (!res.ok) return `token ${res.status}`;
    setTokens(tokenSetOf(await res.json(), now));
    return undefined;
  }
  const stored = sessionStorage.getItem(TOKENS);
  if (stored) {
    const t = JSON.parse(stored) as TokenSet;
    if (!t.refreshExpiresAt || t.refreshExpiresAt > Date.now() || !navigator.onLine) setTokens(t);
    else sessionStorage.removeItem(TOKENS);
  }
  return undefined;
}

/** Refreshes the tokens once at a time; on a refused refresh the session is over (sign in again). */
export function refresh(): Promise<TokenSet | undefined> {
  if (refreshing) return refreshing;
  const t = tokens;
  if (!t?.refreshToken) return Promise.resolve(t);
  refreshing = (async () => {
    const now = Date.now();
    try {
      const res = await fetch(endpointsOf(config().issuer).token, {
        method: 'POST',
        body: refreshGrantBody({ clientId: config().clientId, refreshToken: t.refreshToken! }),
      });
      if (res.ok) setTokens(tokenSetOf(await res.json(), now, t));
      else if (res.status === 400 || res.status === 401) setTokens(undefined);
      return tokens;
    } catch {
      // No network: keep the tokens, try again in 15 s (the outbox keeps writes meanwhile).
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void refresh(), 15_000);
      return tokens;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/** A fresh access token for a request (refreshed first when it expires within 30 s). */
export async function accessToken(): Promise<string | undefined> {
  if (tokens && needsRefresh(tokens, Date.now())) await refresh();
  return tokens?.accessToken;
}

/** Signs out at Keycloak (end-session with the id token) and comes back to the sign-in screen. */
export function logout(): void {
  const t = tokens;
  setTokens(undefined);
  localStorage.removeItem(PENDING);
  // What this tab kept of the records it read (a case's parties, for offline reading) goes with the person:
  // the next one to sign in on this phone must not find it. Her waiting writes stay, kept under her `sub`.
  sessionStorage.clear();
  const { issuer, clientId } = config();
  if (t?.idToken) {
    location.assign(logoutUrl({ issuer, clientId, idToken: t.idToken, postLogout: redirectUri() }));
  } else {
    location.assign('/');
  }
}

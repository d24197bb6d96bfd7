import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDevTokenClient, type PlatformConfig } from '@prosmed/config';
import { REPO_ROOT, testConfig } from './stack';

export interface DemoUser {
  username: string;
  password: string;
  roles: string[];
  attributes: Record<string, string>;
}

interface RealmUser {
  username: string;
  realmRoles?: string[];
  attributes?: Record<string, string[]>;
  credentials?: { type: string; value: string }[];
}

/** The demo users, read from the realm file itself so tests and realm never disagree. */
export function demoUsers(): DemoUser[] {
  const realm = JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'deploy/keycloak/prosmed-realm.json'), 'utf8'),
  ) as {
    users?: RealmUser[];
  };
  return (realm.users ?? [])
    .filter((u) => !u.username.startsWith('service-account-'))
    .map((u) => ({
      username: u.username,
      password: u.credentials?.find((c) => c.type === 'password')?.value ?? '',
      roles: (u.realmRoles ?? []).filter((r) => !r.startsWith('default-roles-')),
      attributes: Object.fromEntries(Object.entries(u.attributes ?? {}).map(([k, v]) => [k, v[0] ?? ''])),
    }));
}

export function demoUser(username: string): DemoUser {
  const u = demoUsers().find((d) => d.username === username);
  if (!u) throw new Error(`No demo user "${username}" in the realm file`);
  return u;
}

const cache = new Map<string, { token: string; until: number }>();

export interface TokenRequest {
  username: string;
  password?: string;
  clientId?: string;
  clientSecret?: string;
}

const inflight = new Map<string, Promise<string>>();

/**
 * An access token from the real Keycloak, cached until 30 s before it expires: the password grant on the
 * development client `prosmed-dev` (the only one of the realm that has it; `clientId` picks another, such as
 * the foreign stand-in `prosmed-other`), with the demo user's password from the realm file.
 *
 * One grant at a time per user: with brute-force detection on, Keycloak 26 refuses a login of a user while
 * another of hers is in progress ("Invalid user credentials" for the right password), so concurrent first
 * calls share one request, and a refusal of the documented password is tried again after a short wait
 * (another process may have been logging the same user in).
 */
export async function tokenFor(
  req: string | TokenRequest,
  cfg: PlatformConfig = testConfig(),
): Promise<string> {
  const r: TokenRequest = typeof req === 'string' ? { username: req } : req;
  const dev = loadDevTokenClient();
  const clientId = r.clientId ?? dev.clientId;
  const key = `${clientId}:${r.username}:${r.password ?? ''}`;
  const hit = cache.get(key);
  if (hit && hit.until > Date.now()) return hit.token;
  const pending = inflight.get(key);
  if (pending) return pending;
  const grant = (async () => {
    const retries = r.password === undefined ? 2 : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        const t = await passwordGrant(r, clientId, r.clientSecret ?? dev.clientSecret, cfg);
        cache.set(key, t);
        return t.token;
      } catch (err) {
        if (attempt >= retries || !(err instanceof RefusedGrant) || !err.busyUser) throw err;
        await new Promise((res) => setTimeout(res, 1500 * (attempt + 1)));
      }
    }
  })();
  inflight.set(key, grant);
  try {
    return await grant;
  } finally {
    inflight.delete(key);
  }
}

class RefusedGrant extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(`Keycloak refused a token: ${status} ${description}`);
  }

  /** What Keycloak answers for the right password while another login of the same user is in progress. */
  get busyUser(): boolean {
    return this.status === 401 && this.description === 'Invalid user credentials';
  }
}

async function passwordGrant(
  r: TokenRequest,
  clientId: string,
  clientSecret: string,
  cfg: PlatformConfig,
): Promise<{ token: string; until: number }> {
  const password = r.password ?? demoUser(r.username).password;
  const res = await fetch(`${cfg.keycloak.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: clientId,
      client_secret: clientSecret,
      username: r.username,
      password,
      scope: 'openid',
    }),
  });
  const body = (await res.json()) as {
    access_token?: string;
    expires_in?: number;
    error_description?: string;
  };
  if (!res.ok || !body.access_token) {
    const e = new RefusedGrant(res.status, body.error_description ?? '');
    e.message = `Keycloak refused a token for ${r.username}: ${res.status} ${e.description}`;
    throw e;
  }
  return { token: body.access_token, until: Date.now() + ((body.expires_in ?? 60) - 30) * 1000 };
}

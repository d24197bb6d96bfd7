import { randomUUID } from 'node:crypto';
import { LoopbackClient } from './http';
import { TokenSource } from './token';

/**
 * The bench's own CoFos and secretaries, so that its writers file side by side as a programme's CoFos do
 * instead of queueing on one CoFo's case counter. Everything is marked as bench data (CoFo code `BENCH-`,
 * username `bench.`) and created only when missing: a second run reuses them.
 */
export const BENCH_COFO_PREFIX = 'BENCH-';
export const BENCH_USER_PREFIX = 'bench.';
/** Development value, like the demo users' `prosmed`: these users exist on a local Keycloak only. */
export const BENCH_USER_PASSWORD = 'prosmed-bench';
/** Any known place: the land service does not tie a case's village to its CoFo's place. */
export const BENCH_COFO_PLACE = 'ML-SEG-SEG';
export const BENCH_TRIBUNAL = 'TI-SEGOU';

/** Pure: the CoFo of writer `i` (0-based): `BENCH-001`, `BENCH-002`, ... (the registry's code rule). */
export function benchCofoCode(i: number): string {
  return `${BENCH_COFO_PREFIX}${String(i + 1).padStart(3, '0')}`;
}

/** Pure: the secretary of `benchCofoCode(i)`. */
export function benchUsername(i: number): string {
  return `${BENCH_USER_PREFIX}cofo-${String(i + 1).padStart(3, '0')}`;
}

/** Pure: the Keycloak user representation of writer `i`'s secretary (role added separately). */
export function benchUserRepresentation(i: number): Record<string, unknown> {
  const code = benchCofoCode(i);
  return {
    username: benchUsername(i),
    enabled: true,
    emailVerified: true,
    // The realm's user profile requires these of users who edit their own profile; without them
    // Keycloak would add a "verify profile" action and refuse the password grant.
    firstName: 'Bench',
    lastName: code,
    email: `${benchUsername(i)}@bench.prosmed.invalid`,
    attributes: { cofo_id: [code] },
    requiredActions: [],
  };
}

export interface KeycloakAdminOptions {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  url: string;
  realm: string;
  /** The bootstrap admin of the master realm (development values admin/admin). */
  adminUser: string;
  adminPassword: string;
}

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/**
 * Creates (or repairs) `count` bench secretaries through Keycloak's admin REST API: role `cofo-secretary`,
 * attribute `cofo_id`, password `BENCH_USER_PASSWORD`. Idempotent; about 3 admin calls per user.
 */
export async function ensureBenchUsers(kc: KeycloakAdminOptions, count: number): Promise<void> {
  const tokenRes = await fetch(`${kc.url}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: kc.adminUser,
      password: kc.adminPassword,
    }),
    signal: AbortSignal.timeout(15_000),
  });
  const { access_token: token } = await json<{ access_token: string }>(tokenRes, 'Keycloak admin token');
  const admin = `${kc.url}/admin/realms/${kc.realm}`;
  const call = (path: string, init: RequestInit = {}) =>
    fetch(`${admin}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(15_000),
    });
  const role = await json<{ id: string; name: string }>(
    await call('/roles/cofo-secretary'),
    'role cofo-secretary',
  );
  for (let i = 0; i < count; i++) {
    const rep = benchUserRepresentation(i);
    const username = rep.username as string;
    const found = await json<{ id: string; attributes?: Record<string, string[]> }[]>(
      await call(`/users?username=${encodeURIComponent(username)}&exact=true`),
      `look up ${username}`,
    );
    let id: string | undefined = found[0]?.id;
    if (!id) {
      const created = await call('/users', {
        method: 'POST',
        body: JSON.stringify({
          ...rep,
          credentials: [{ type: 'password', value: BENCH_USER_PASSWORD, temporary: false }],
        }),
      });
      if (created.status !== 201 && created.status !== 409) {
        throw new Error(`create ${username}: HTTP ${created.status} ${await created.text()}`);
      }
      id = (created.headers.get('location') ?? '').split('/').pop();
      if (!id) {
        id = (
          await json<{ id: string }[]>(
            await call(`/users?username=${encodeURIComponent(username)}&exact=true`),
            `look up ${username}`,
          )
        )[0]?.id;
      }
      if (!id) throw new Error(`Keycloak created ${username} but does not find it`);
    } else if (found[0].attributes?.cofo_id?.[0] !== benchCofoCode(i)) {
      const fixed = await call(`/users/${id}`, { method: 'PUT', body: JSON.stringify(rep) });
      if (!fixed.ok) throw new Error(`update ${username}: HTTP ${fixed.status}`);
    }
    // Adding a role the user already has is a no-op for Keycloak.
    const mapped = await call(`/users/${id}/role-mappings/realm`, {
      method: 'POST',
      body: JSON.stringify([{ id: role.id, name: role.name }]),
    });
    if (!mapped.ok) throw new Error(`role of ${username}: HTTP ${mapped.status}`);
  }
}

/**
 * Creates the missing `BENCH-` CoFos through the gateway as an admin (`POST /api/v1/cofos`), so the land
 * service writes them with its own rules and audit. Returns how many it created.
 */
export async function ensureBenchCofos(
  gatewayUrl: string,
  adminToken: string,
  count: number,
): Promise<number> {
  const client = new LoopbackClient(gatewayUrl, 4);
  const headers = {
    authorization: `Bearer ${adminToken}`,
    accept: 'application/json',
    'content-type': 'application/json',
  };
  let created = 0;
  // A 5xx here is most often a rebalance of the land consumer group (another instance joined or left):
  // worth a second try before the spread paths are given up.
  const send = async (method: string, path: string, h: Record<string, string>, body?: string) => {
    for (let attempt = 1; ; attempt++) {
      const res = await client
        .send(method, path, h, body)
        .catch(() => ({ status: 0, body: 'network error' }));
      if ((res.status < 500 && res.status !== 0) || attempt === 4) return res;
      await new Promise((r) => setTimeout(r, 3000));
    }
  };
  try {
    for (let i = 0; i < count; i++) {
      const code = benchCofoCode(i);
      const got = await send('GET', `/api/v1/cofos/${code}`, headers);
      if (got.status === 200) continue;
      if (got.status !== 404) throw new Error(`GET /api/v1/cofos/${code}: HTTP ${got.status} ${got.body}`);
      const body = JSON.stringify({
        code,
        name: `CoFo de banc d'essai ${code}`,
        level: 'commune',
        placeCode: BENCH_COFO_PLACE,
        tribunalCode: BENCH_TRIBUNAL,
        members: [{ name: 'Secrétaire de test', sex: 'F', role: 'secrétaire' }],
      });
      // The same key on a retry: the gateway answers the first outcome instead of creating twice.
      const res = await send(
        'POST',
        '/api/v1/cofos',
        { ...headers, 'idempotency-key': `bench-cofo-${randomUUID()}` },
        body,
      );
      // 409: another run created it in between; the code is what matters.
      if (res.status !== 201 && res.status !== 409) {
        throw new Error(`POST /api/v1/cofos ${code}: HTTP ${res.status} ${res.body.slice(0, 300)}`);
      }
      if (res.status === 201) created++;
    }
  } finally {
    client.close();
  }
  return created;
}

/** One refreshed token per bench secretary, writer `i` using `tokens[i]`. */
export async function benchTokens(
  base: { issuer: string; clientId: string; clientSecret: string },
  count: number,
): Promise<TokenSource[]> {
  const sources = Array.from(
    { length: count },
    (_, i) => new TokenSource({ ...base, username: benchUsername(i), password: BENCH_USER_PASSWORD }),
  );
  // A few at a time: Keycloak hashes each password (PBKDF2), which costs it tens of ms of CPU apiece.
  for (let i = 0; i < sources.length; i += 4)
    await Promise.all(sources.slice(i, i + 4).map((s) => s.start()));
  return sources;
}

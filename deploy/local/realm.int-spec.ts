import { decodeJwt } from 'jose';
import { loadDevTokenClient } from '@prosmed/config';
import {
  DOCS_REDIRECT_PATH,
  readRealmFile,
  REALM_VERSION_ATTRIBUTE,
  realmVersion,
  type RealmExport,
} from './realm';
import { adminLogin, liveRealmVersion, syncRealmToFile, type KeycloakAdmin } from './realm-sync';
import { loadStackSettings } from './settings';

/**
 * The realm file against the real Keycloak, in throwaway realms (the shared `prosmed` realm is never
 * touched: other tests take their tokens from it): it imports, its policy and lockout work, the web client
 * refuses the password grant, the sign-in page speaks French, and the runner brings an older realm up to
 * date in place.
 */
jest.setTimeout(180_000);

const s = loadStackSettings();
const base = s.keycloak.url;
const file = readRealmFile(s.realmFile);
const dev = loadDevTokenClient();
const demoPassword = file.users![0].credentials!.find((c) => c.type === 'password')!.value!;
const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const REALM = `prosmed-it-${suffix}`;
const OLD_REALM = `prosmed-it-old-${suffix}`;
const created: string[] = [];
let admin: KeycloakAdmin;
let adminAt = 0;

/** The master realm's admin tokens live 60 s: a fresh one when this one is half-way. */
async function freshAdmin(): Promise<KeycloakAdmin> {
  if (!admin || Date.now() - adminAt > 30_000) {
    admin = await adminLogin(base, s.keycloak.adminUser, s.keycloak.adminPassword);
    adminAt = Date.now();
  }
  return admin;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  const { token } = await freshAdmin();
  return fetch(`${base}/admin/realms${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function importAs(name: string, realm: RealmExport): Promise<void> {
  const res = await api('POST', '', { ...realm, realm: name });
  if (res.status !== 201) throw new Error(`import of ${name}: HTTP ${res.status} ${await res.text()}`);
  created.push(name);
}

async function passwordGrant(
  realm: string,
  username: string,
  password: string,
  client: { clientId: string; clientSecret?: string } = dev,
): Promise<{ status: number; body: { access_token?: string; error?: string; error_description?: string } }> {
  const res = await fetch(`${base}/realms/${realm}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: client.clientId,
      ...(client.clientSecret ? { client_secret: client.clientSecret } : {}),
      username,
      password,
      scope: 'openid',
    }),
  });
  return { status: res.status, body: (await res.json()) as never };
}

async function createUser(realm: string, username: string, password: string): Promise<Response> {
  return api('POST', `/${realm}/users`, {
    username,
    enabled: true,
    email: `${username}@it.example.org`,
    emailVerified: true,
    firstName: 'Test',
    lastName: 'Utilisateur',
    credentials: [{ type: 'password', value: password, temporary: false }],
  });
}

async function userId(realm: string, username: string): Promise<string> {
  const res = await api('GET', `/${realm}/users?exact=true&username=${encodeURIComponent(username)}`);
  return ((await res.json()) as { id: string }[])[0].id;
}

function authUrl(realm: string, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({
    client_id: 'prosmed-web',
    response_type: 'code',
    scope: 'openid',
    redirect_uri: `http://127.0.0.1:3000${DOCS_REDIRECT_PATH}`,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    ...extra,
  });
  return `${base}/realms/${realm}/protocol/openid-connect/auth?${q}`;
}

beforeAll(async () => {
  // Importing proves that every demo user's password meets the policy: Keycloak refuses the file otherwise.
  await importAs(REALM, file);
});

afterAll(async () => {
  for (const name of created) await api('DELETE', `/${name}`).catch(() => undefined);
});

describe('the realm file in Keycloak', () => {
  it('gives a demo user a token for the API through the development client, with the documented password', async () => {
    const r = await passwordGrant(REALM, 'secretaire.segou', demoPassword);
    expect(r.status).toBe(200);
    const claims = decodeJwt(r.body.access_token!);
    expect([claims.aud].flat()).toContain('prosmed-api');
    expect(claims).toMatchObject({ azp: 'prosmed-dev', cofo_id: 'SEG01' });
    // The old demo password is gone.
    expect((await passwordGrant(REALM, 'manager', 'prosmed')).status).toBe(401);
  });

  it('refuses the password grant on the web client and on the API client', async () => {
    const web = await passwordGrant(REALM, 'secretaire.segou', demoPassword, { clientId: 'prosmed-web' });
    expect(web.status).toBe(400);
    expect(web.body).toMatchObject({
      error: 'unauthorized_client',
      error_description: 'Client not allowed for direct access grants',
    });
    const api = await passwordGrant(REALM, 'secretaire.segou', demoPassword, {
      clientId: 'prosmed-api',
      clientSecret: 'prosmed-api-dev-secret',
    });
    expect(api.body.error).toBe('unauthorized_client');
  });

  it('refuses a short password, the username as password, and a password used before', async () => {
    const short = await createUser(REALM, 'it.short', 'Court-1');
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('invalidPasswordMinLengthMessage');

    const same = await createUser(REALM, 'it.same.as.username', 'it.same.as.username');
    expect(same.status).toBe(400);
    expect(await same.text()).toContain('invalidPasswordNotUsernameMessage');

    expect((await createUser(REALM, 'it.history', 'une phrase assez longue')).status).toBe(201);
    const id = await userId(REALM, 'it.history');
    const reset = (value: string) =>
      api('PUT', `/${REALM}/users/${id}/reset-password`, { type: 'password', value, temporary: false });
    expect((await reset('une autre phrase longue')).status).toBe(204);
    const again = await reset('une phrase assez longue');
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('invalidPasswordHistoryMessage');
  });

  it('locks an account after 5 bad passwords, temporarily, and records it', async () => {
    const username = 'it.lockout';
    const password = 'le bon mot de passe';
    expect((await createUser(REALM, username, password)).status).toBe(201);
    const id = await userId(REALM, username);
    const status = async () =>
      (await (await api('GET', `/${REALM}/attack-detection/brute-force/users/${id}`)).json()) as {
        disabled: boolean;
        numFailures: number;
      };
    // Spaced by more than quickLoginCheckMilliSeconds (1 s), so that the count, not speed, locks.
    for (let i = 1; i <= 4; i++) {
      expect((await passwordGrant(REALM, username, `mauvais ${i}`)).status).toBe(401);
      await sleep(1200);
    }
    expect(await status()).toMatchObject({ disabled: false, numFailures: 4 });
    expect((await passwordGrant(REALM, username, 'mauvais 5')).status).toBe(401);
    expect(await status()).toMatchObject({ disabled: true, numFailures: 5 });
    // Locked: the right password is refused too, with the same answer as a wrong one (no hint to a guesser).
    const locked = await passwordGrant(REALM, username, password);
    expect(locked.status).toBe(401);
    expect(locked.body).toMatchObject({
      error: 'invalid_grant',
      error_description: 'Invalid user credentials',
    });

    // Login errors are saved (a retention of 90 days), and so are the admin's acts.
    const events = (await (
      await api('GET', `/${REALM}/events?type=LOGIN_ERROR&user=${id}&max=50`)
    ).json()) as { type: string; error?: string }[];
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.map((e) => e.error)).toEqual(expect.arrayContaining(['invalid_user_credentials']));
    const adminEvents = (await (
      await api('GET', `/${REALM}/admin-events?resourceTypes=USER&operationTypes=CREATE&max=50`)
    ).json()) as { resourcePath: string }[];
    expect(adminEvents.some((e) => e.resourcePath === `users/${id}`)).toBe(true);

    // Temporary: an admin (or the wait) releases it, and the right password works again.
    expect((await api('DELETE', `/${REALM}/attack-detection/brute-force/users/${id}`)).status).toBe(204);
    expect((await passwordGrant(REALM, username, password)).status).toBe(200);
  });

  it('shows the sign-in page in French by default, in English on request, with the programme name', async () => {
    const fr = await (await fetch(authUrl(REALM))).text();
    expect(fr).toMatch(/<html[^>]* lang="fr"/);
    expect(fr).toContain('Connexion');
    expect(fr).toContain('<strong>PROSMED</strong>');
    expect(fr).toContain('stabilisation du Mali');
    const frAsked = await (await fetch(authUrl(REALM, { ui_locales: 'fr' }))).text();
    expect(frAsked).toMatch(/<html[^>]* lang="fr"/);
    const en = await (await fetch(authUrl(REALM, { ui_locales: 'en' }))).text();
    expect(en).toMatch(/<html[^>]* lang="en"/);
    expect(en).toContain('Sign In');
  });

  it('sends the code only to the exact redirect URIs', async () => {
    expect((await fetch(authUrl(REALM))).status).toBe(200);
    const wild = await fetch(authUrl(REALM, { redirect_uri: 'http://127.0.0.1:3000/api/docs/evil.html' }));
    expect(wild.status).toBe(400);
    expect(await wild.text()).toContain('redirect_uri');
  });
});

describe('the stack runner and an older realm', () => {
  /** The realm as the previous file had it: a demo's settings, the password grant on every client. */
  function olderFile(): RealmExport {
    const old = copy(file) as RealmExport & Record<string, unknown>;
    for (const k of [
      'displayNameHtml',
      'internationalizationEnabled',
      'supportedLocales',
      'defaultLocale',
      'passwordPolicy',
      'eventsEnabled',
      'eventsExpiration',
      'adminEventsEnabled',
      'adminEventsDetailsEnabled',
    ]) {
      delete old[k];
    }
    Object.assign(old, { sslRequired: 'none', bruteForceProtected: false, attributes: {} });
    old.clients = old.clients!.filter((c) => c.clientId !== 'prosmed-dev');
    for (const c of old.clients) c.directAccessGrantsEnabled = true;
    old.clients.find((c) => c.clientId === 'prosmed-web')!.redirectUris = ['http://127.0.0.1:3000/*'];
    for (const u of old.users!) u.credentials = [{ type: 'password', value: 'prosmed', temporary: false }];
    return old;
  }

  it('updates it in place to the file, keeping its signing keys, then leaves it alone', async () => {
    await importAs(OLD_REALM, olderFile());
    expect(await liveRealmVersion(await freshAdmin(), OLD_REALM)).toBe(0);
    const before = await passwordGrant(OLD_REALM, 'manager', 'prosmed', { clientId: 'prosmed-web' });
    expect(before.status).toBe(200);
    const keys = async () =>
      (
        (await (await fetch(`${base}/realms/${OLD_REALM}/protocol/openid-connect/certs`)).json()) as {
          keys: { kid: string }[];
        }
      ).keys
        .map((k) => k.kid)
        .sort();
    const kidsBefore = await keys();

    const r = await syncRealmToFile(await freshAdmin(), OLD_REALM, file);
    expect(r).toEqual({ outcome: 'updated', from: 0, to: Number(file.attributes![REALM_VERSION_ATTRIBUTE]) });

    const live = (await (await api('GET', `/${OLD_REALM}`)).json()) as RealmExport;
    expect(live).toMatchObject({
      sslRequired: 'external',
      bruteForceProtected: true,
      failureFactor: file.failureFactor,
      passwordPolicy: file.passwordPolicy,
      internationalizationEnabled: true,
      defaultLocale: 'fr',
      eventsEnabled: true,
      adminEventsEnabled: true,
      displayNameHtml: file.displayNameHtml,
    });
    // The settings Keycloak keeps as attributes are kept, the file's are added.
    expect(live.attributes).toMatchObject({
      [REALM_VERSION_ATTRIBUTE]: file.attributes![REALM_VERSION_ATTRIBUTE],
      adminEventsExpiration: file.attributes!.adminEventsExpiration,
      cibaInterval: expect.any(String),
    });
    // Same keys: a token issued before the update still verifies.
    expect(await keys()).toEqual(kidsBefore);
    // The clients and users are the file's: the development client with the new password, no password
    // grant on the web client, and the API client keeps its service account.
    expect((await passwordGrant(OLD_REALM, 'manager', demoPassword)).status).toBe(200);
    expect((await passwordGrant(OLD_REALM, 'manager', 'prosmed')).status).toBe(401);
    expect(
      (await passwordGrant(OLD_REALM, 'manager', demoPassword, { clientId: 'prosmed-web' })).body.error,
    ).toBe('unauthorized_client');
    const [apiClient] = (await (await api('GET', `/${OLD_REALM}/clients?clientId=prosmed-api`)).json()) as {
      id: string;
    }[];
    expect((await api('GET', `/${OLD_REALM}/clients/${apiClient.id}/service-account-user`)).status).toBe(200);
    const web = (await (await api('GET', `/${OLD_REALM}/clients?clientId=prosmed-web`)).json()) as {
      redirectUris: string[];
    }[];
    expect(web[0].redirectUris.sort()).toEqual(
      [...file.clients!.find((c) => c.clientId === 'prosmed-web')!.redirectUris!].sort(),
    );

    // At the file's version: nothing to do. A realm newer than the file (a later clone): left alone.
    expect((await syncRealmToFile(await freshAdmin(), OLD_REALM, file)).outcome).toBe('current');
    const older = { ...file, attributes: { ...file.attributes, [REALM_VERSION_ATTRIBUTE]: '1' } };
    expect((await syncRealmToFile(await freshAdmin(), OLD_REALM, older)).outcome).toBe('newer');
    // No realm at all (deleted while Keycloak ran): created from the file.
    created.push(`${OLD_REALM}-absent`);
    expect((await syncRealmToFile(await freshAdmin(), `${OLD_REALM}-absent`, file)).outcome).toBe('created');
    expect(await liveRealmVersion(await freshAdmin(), `${OLD_REALM}-absent`)).toBe(realmVersion(file));
  });
});

import { StackError } from './errors';
import { REALM_VERSION_ATTRIBUTE, realmVersion, type RealmExport } from './realm';

/**
 * Bringing a running realm up to the realm file, in place, through Keycloak's admin REST API.
 *
 * `--import-realm` only creates a realm that is missing, so a machine whose realm was imported from an
 * older file keeps the old settings. Deleting and importing the realm again would apply the file, but it
 * also makes new signing keys: every token already issued (a colleague's running tests, an open Swagger
 * UI) would stop verifying. Here the realm is updated instead: the realm's settings, its roles, the
 * file's clients and users, and the user profile. Keys, sessions, events and what the file does not
 * name (the bench's own users) stay. The file's `attributes["prosmed.realmVersion"]` orders the versions:
 * a realm at a lower version is updated, then gets the file's number, written last so that an update
 * that fails half-way is tried again; a realm at a higher version (a newer clone) is left alone.
 */

export interface KeycloakAdmin {
  /** Keycloak's base URL, e.g. http://127.0.0.1:8080. */
  base: string;
  token: string;
}

/** Fields of the realm file that are not realm settings: applied by their own calls below. */
const NOT_SETTINGS = new Set(['users', 'clients', 'roles', 'components', 'groups', 'id']);
const USER_PROFILE_PROVIDER = 'org.keycloak.userprofile.UserProfileProvider';

/** An admin token of the master realm (bootstrap admin, development values by default). */
export async function adminLogin(base: string, username: string, password: string): Promise<KeycloakAdmin> {
  const res = await fetch(`${base}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'password', client_id: 'admin-cli', username, password }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string };
  if (!res.ok || !body.access_token) {
    throw new StackError(
      `the Keycloak admin ${username} was refused (HTTP ${res.status}); set KEYCLOAK_ADMIN_USER/KEYCLOAK_ADMIN_PASSWORD`,
    );
  }
  return { base, token: body.access_token };
}

async function adminCall(
  admin: KeycloakAdmin,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${admin.base}/admin/realms${path}`, {
    method,
    headers: {
      authorization: `Bearer ${admin.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(120_000),
  });
}

async function expectOk(res: Response, what: string): Promise<void> {
  if (res.ok) return;
  const text = (await res.text().catch(() => '')).slice(0, 300);
  throw new StackError(`Keycloak refused to ${what} (HTTP ${res.status}): ${text}`);
}

/** The running realm's version, or `undefined` when there is no such realm. */
export async function liveRealmVersion(admin: KeycloakAdmin, name: string): Promise<number | undefined> {
  const res = await adminCall(admin, 'GET', `/${encodeURIComponent(name)}`);
  if (res.status === 404) return undefined;
  await expectOk(res, `read realm ${name}`);
  return realmVersion((await res.json()) as RealmExport);
}

/** Pure: the realm settings of the file (no users, clients, roles...), without the version number. */
export function realmSettingsOf(file: RealmExport, name: string): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(file)) if (!NOT_SETTINGS.has(k)) settings[k] = v;
  const attributes = { ...(file.attributes ?? {}) };
  delete attributes[REALM_VERSION_ATTRIBUTE];
  return { ...settings, realm: name, attributes };
}

/** Pure: the user-profile configuration of the file (a JSON document), if it has one. */
export function userProfileOf(file: RealmExport): unknown {
  const raw = file.components?.[USER_PROFILE_PROVIDER]?.[0]?.config?.['kc.user.profile.config']?.[0];
  return raw ? (JSON.parse(raw) as unknown) : undefined;
}

/**
 * Applies the file to the realm `name` (which exists), in an order Keycloak accepts: settings first (the
 * password policy the users' passwords are checked against), the user profile (the attributes users
 * carry), roles that are missing, then the file's clients and users replaced by the file's own
 * (`OVERWRITE`: a user is deleted and created again, which resets its password and its lockout).
 * The version number is written last.
 */
export async function updateRealmInPlace(
  admin: KeycloakAdmin,
  name: string,
  file: RealmExport,
): Promise<void> {
  const realmPath = `/${encodeURIComponent(name)}`;
  await expectOk(
    await adminCall(admin, 'PUT', realmPath, realmSettingsOf(file, name)),
    `update the settings of realm ${name}`,
  );
  const profile = userProfileOf(file);
  if (profile !== undefined) {
    await expectOk(
      await adminCall(admin, 'PUT', `${realmPath}/users/profile`, profile),
      `update the user profile of realm ${name}`,
    );
  }
  if (file.roles?.realm?.length) {
    await expectOk(
      await adminCall(admin, 'POST', `${realmPath}/partialImport`, {
        ifResourceExists: 'SKIP',
        roles: { realm: file.roles.realm },
      }),
      `add the roles of realm ${name}`,
    );
  }
  await expectOk(
    await adminCall(admin, 'POST', `${realmPath}/partialImport`, {
      ifResourceExists: 'OVERWRITE',
      clients: file.clients ?? [],
      users: file.users ?? [],
    }),
    `replace the clients and users of realm ${name}`,
  );
  await expectOk(
    // Keycloak replaces the attribute map as a whole: the file's attributes again, with the version now.
    await adminCall(admin, 'PUT', realmPath, {
      attributes: { ...(file.attributes ?? {}), [REALM_VERSION_ATTRIBUTE]: String(realmVersion(file)) },
    }),
    `record version ${realmVersion(file)} on realm ${name}`,
  );
}

export type RealmSyncOutcome =
  /** The realm was at the file's version already. */
  | 'current'
  /** The realm was older: it now matches the file. */
  | 'updated'
  /** The realm is newer than this file (another clone applied a later one): left alone. */
  | 'newer'
  /** There was no such realm (deleted while Keycloak ran): created from the file. */
  | 'created';

export async function syncRealmToFile(
  admin: KeycloakAdmin,
  name: string,
  file: RealmExport,
): Promise<{ outcome: RealmSyncOutcome; from?: number; to: number }> {
  const to = realmVersion(file);
  const from = await liveRealmVersion(admin, name);
  if (from === undefined) {
    await expectOk(await adminCall(admin, 'POST', '', { ...file, realm: name }), `create realm ${name}`);
    return { outcome: 'created', to };
  }
  if (from === to) return { outcome: 'current', from, to };
  if (from > to) return { outcome: 'newer', from, to };
  await updateRealmInPlace(admin, name, file);
  return { outcome: 'updated', from, to };
}

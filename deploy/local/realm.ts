import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { StackError } from './errors';

/** The parts of a Keycloak realm export the runner and the tests rely on (the file holds more). */
export interface RealmProtocolMapper {
  name: string;
  protocolMapper: string;
  config?: Record<string, string>;
}
export interface RealmClient {
  clientId: string;
  publicClient?: boolean;
  secret?: string;
  standardFlowEnabled?: boolean;
  directAccessGrantsEnabled?: boolean;
  serviceAccountsEnabled?: boolean;
  defaultClientScopes?: string[];
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
  protocolMappers?: RealmProtocolMapper[];
}
export interface RealmUser {
  username: string;
  enabled?: boolean;
  emailVerified?: boolean;
  email?: string;
  firstName?: string;
  lastName?: string;
  attributes?: Record<string, string[]>;
  credentials?: { type: string; value?: string; temporary?: boolean }[];
  realmRoles?: string[];
  requiredActions?: string[];
}
export interface RealmExport {
  realm: string;
  enabled?: boolean;
  sslRequired?: string;
  accessTokenLifespan?: number;
  roles?: { realm?: { name: string; description?: string }[] };
  clients?: RealmClient[];
  users?: RealmUser[];
  components?: Record<string, { providerId?: string; config?: Record<string, string[]> }[]>;
}

export const REALM_NAME = 'prosmed';
export const REALM_ROLES = [
  'cofo-secretary',
  'tribunal-clerk',
  'ccs-secretary',
  'focal-point',
  'snlcc-secretariat',
  'programme-manager',
  'admin',
] as const;
export const SCOPE_ATTRIBUTES = ['cofo_id', 'tribunal_id', 'ccs_id', 'structure_id'] as const;
export const API_CLIENT = 'prosmed-api';
/** Clients whose tokens must carry `aud: prosmed-api`, and the one whose tokens must not. */
export const AUDIENCE_CLIENTS = ['prosmed-api', 'prosmed-web'] as const;
export const FOREIGN_CLIENT = 'prosmed-other';
const USER_PROFILE_PROVIDER = 'org.keycloak.userprofile.UserProfileProvider';

/** Parses a realm file; a file that is not JSON or not realm `prosmed` is a StackError (one line). */
export function parseRealm(text: string, file = 'realm file'): RealmExport {
  let realm: unknown;
  try {
    realm = JSON.parse(text);
  } catch (err) {
    throw new StackError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof realm !== 'object' || realm === null || (realm as RealmExport).realm !== REALM_NAME) {
    throw new StackError(`${file} does not define realm "${REALM_NAME}"`);
  }
  return realm as RealmExport;
}

export function readRealmFile(file: string): RealmExport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new StackError(
      `cannot read realm file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  return parseRealm(text, file);
}

function userProfileAttributes(realm: RealmExport): string[] | undefined {
  const comp = realm.components?.[USER_PROFILE_PROVIDER]?.[0];
  const raw = comp?.config?.['kc.user.profile.config']?.[0];
  if (!raw) return undefined;
  try {
    const cfg = JSON.parse(raw) as { attributes?: { name: string }[] };
    return (cfg.attributes ?? []).map((a) => a.name);
  } catch {
    return undefined;
  }
}

const isTrue = (v: string | undefined) => v === 'true';

/** Pure check of what the platform relies on in the realm. Returns the problems found (empty: valid). */
export function validateRealm(realm: RealmExport): string[] {
  const problems: string[] = [];
  if (realm.realm !== REALM_NAME) problems.push(`realm must be "${REALM_NAME}"`);
  if (realm.enabled !== true) problems.push('realm must be enabled');

  const declared = new Set((realm.roles?.realm ?? []).map((r) => r.name));
  for (const role of REALM_ROLES)
    if (!declared.has(role)) problems.push(`realm role ${role} is not declared`);

  const profile = userProfileAttributes(realm);
  if (!profile) problems.push('user profile (kc.user.profile.config) is missing or not JSON');
  else {
    for (const a of ['username', 'email', 'firstName', 'lastName', ...SCOPE_ATTRIBUTES]) {
      if (!profile.includes(a)) problems.push(`user profile does not declare attribute ${a}`);
    }
  }

  const clients = new Map((realm.clients ?? []).map((c) => [c.clientId, c]));
  for (const id of [...AUDIENCE_CLIENTS, FOREIGN_CLIENT]) {
    const c = clients.get(id);
    if (!c) {
      problems.push(`client ${id} is missing`);
      continue;
    }
    const mappers = c.protocolMappers ?? [];
    const audience = mappers.some(
      (m) =>
        m.protocolMapper === 'oidc-audience-mapper' &&
        m.config?.['included.client.audience'] === API_CLIENT &&
        isTrue(m.config?.['access.token.claim']),
    );
    const wantsAudience = (AUDIENCE_CLIENTS as readonly string[]).includes(id);
    if (wantsAudience && !audience) problems.push(`client ${id} lacks the ${API_CLIENT} audience mapper`);
    if (!wantsAudience && audience) problems.push(`client ${id} must not put ${API_CLIENT} in aud`);
    for (const attr of SCOPE_ATTRIBUTES) {
      const ok = mappers.some(
        (m) =>
          m.protocolMapper === 'oidc-usermodel-attribute-mapper' &&
          m.config?.['user.attribute'] === attr &&
          m.config?.['claim.name'] === attr &&
          isTrue(m.config?.['access.token.claim']),
      );
      if (!ok) problems.push(`client ${id} does not map attribute ${attr} into access tokens`);
    }
    if (!(c.defaultClientScopes ?? []).includes('roles'))
      problems.push(`client ${id} lacks the roles default scope`);
    if (!c.directAccessGrantsEnabled) problems.push(`client ${id} must allow direct access grants`);
  }
  const api = clients.get(API_CLIENT);
  if (api && (api.publicClient || !api.secret || !api.serviceAccountsEnabled)) {
    problems.push(`client ${API_CLIENT} must be confidential with a secret and service accounts`);
  }
  const web = clients.get('prosmed-web');
  if (web && (!web.publicClient || web.attributes?.['pkce.code.challenge.method'] !== 'S256')) {
    problems.push('client prosmed-web must be public with PKCE S256');
  }

  const users = realm.users ?? [];
  if (users.length === 0) problems.push('no demo users');
  for (const u of users) {
    const who = `user ${u.username}`;
    if (!u.email || !u.firstName || !u.lastName) problems.push(`${who} needs email, firstName and lastName`);
    if (u.enabled !== true || u.emailVerified !== true)
      problems.push(`${who} must be enabled with a verified email`);
    if ((u.requiredActions ?? []).length > 0) problems.push(`${who} must have no required actions`);
    const pwd = (u.credentials ?? []).find((c) => c.type === 'password');
    if (!pwd?.value || pwd.temporary !== false) problems.push(`${who} needs a non-temporary password`);
    const roles = u.realmRoles ?? [];
    if (roles.length === 0) problems.push(`${who} has no realm role`);
    for (const r of roles) if (!declared.has(r)) problems.push(`${who} has undeclared role ${r}`);
    for (const a of Object.keys(u.attributes ?? {})) {
      if (!(SCOPE_ATTRIBUTES as readonly string[]).includes(a))
        problems.push(`${who} has unknown attribute ${a}`);
    }
  }
  return problems;
}

/** Reads and validates; any problem becomes one StackError line. */
export function loadValidRealm(file: string): RealmExport {
  const realm = readRealmFile(file);
  const problems = validateRealm(realm);
  if (problems.length > 0) {
    throw new StackError(`realm file ${file} is not usable: ${problems.join('; ')}`);
  }
  return realm;
}

/**
 * The demo users of the local realm, read from deploy/keycloak/prosmed-realm.json (the single source):
 * tests and `npm run token` get their tokens with these. Development values only.
 */
export interface DemoUser {
  username: string;
  password: string;
  roles: string[];
  /** Scope attributes (cofo_id, tribunal_id, ccs_id, structure_id), single-valued. */
  attributes: Record<string, string>;
  email: string;
  firstName: string;
  lastName: string;
}

/** Finds the realm file from this file's folder up (works from the sources and from a dist/ copy). */
export function realmFilePath(): string {
  const fromEnv = process.env.PROSMED_REALM_FILE?.trim();
  if (fromEnv) return resolve(fromEnv);
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'deploy', 'keycloak', 'prosmed-realm.json');
    if (existsSync(candidate)) return candidate;
    const sibling = join(dir, '..', 'keycloak', 'prosmed-realm.json');
    if (existsSync(sibling)) return resolve(sibling);
    dir = dirname(dir);
  }
  return resolve(__dirname, '..', 'keycloak', 'prosmed-realm.json');
}

/** Pure: the demo users of a parsed realm. */
export function demoUsersOf(realm: RealmExport): DemoUser[] {
  return (realm.users ?? []).map((u) => ({
    username: u.username,
    password: (u.credentials ?? []).find((c) => c.type === 'password')?.value ?? '',
    roles: [...(u.realmRoles ?? [])],
    attributes: Object.fromEntries(Object.entries(u.attributes ?? {}).map(([k, v]) => [k, v[0] ?? ''])),
    email: u.email ?? '',
    firstName: u.firstName ?? '',
    lastName: u.lastName ?? '',
  }));
}

export function loadDemoUsers(file = realmFilePath()): DemoUser[] {
  return demoUsersOf(readRealmFile(file));
}

import { createHash } from 'node:crypto';
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
  displayName?: string;
  displayNameHtml?: string;
  enabled?: boolean;
  sslRequired?: string;
  accessTokenLifespan?: number;
  /** Realm attributes; `prosmed.realmVersion` orders the file's versions (see `realmVersion`). */
  attributes?: Record<string, string>;
  internationalizationEnabled?: boolean;
  supportedLocales?: string[];
  defaultLocale?: string;
  bruteForceProtected?: boolean;
  permanentLockout?: boolean;
  failureFactor?: number;
  waitIncrementSeconds?: number;
  maxFailureWaitSeconds?: number;
  passwordPolicy?: string;
  eventsEnabled?: boolean;
  eventsExpiration?: number;
  adminEventsEnabled?: boolean;
  adminEventsDetailsEnabled?: boolean;
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
  'steering-committee',
  'me-officer',
  'programme-manager',
  'admin',
] as const;
export const SCOPE_ATTRIBUTES = ['cofo_id', 'tribunal_id', 'ccs_id', 'structure_id'] as const;
export const API_CLIENT = 'prosmed-api';
export const WEB_CLIENT = 'prosmed-web';
/** The development client with the password grant (`npm run token`, tests, bench): the only one with it. */
export const DEV_CLIENT = 'prosmed-dev';
/** Clients whose tokens must carry `aud: prosmed-api`, and the one whose tokens must not. */
export const AUDIENCE_CLIENTS = [API_CLIENT, WEB_CLIENT, DEV_CLIENT] as const;
export const FOREIGN_CLIENT = 'prosmed-other';
/**
 * Clients allowed the password grant: the development client, and the stand-in for another application
 * (tests get a token of it to prove the API refuses its audience). Both exist in the development realm only.
 */
export const PASSWORD_GRANT_CLIENTS: readonly string[] = [DEV_CLIENT, FOREIGN_CLIENT];
/** Realm attribute that numbers the file's versions: the runner updates a realm whose number is lower. */
export const REALM_VERSION_ATTRIBUTE = 'prosmed.realmVersion';
/** The Swagger UI page Keycloak sends the authorization code back to (served by the gateway). */
export const DOCS_REDIRECT_PATH = '/api/docs/oauth2-redirect.html';
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

/** The realm file's version (`attributes["prosmed.realmVersion"]`); 0 for a realm without one. */
export function realmVersion(realm: Pick<RealmExport, 'attributes'>): number {
  const raw = realm.attributes?.[REALM_VERSION_ATTRIBUTE];
  return raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : 0;
}

/**
 * A fingerprint of the realm file's content, its version number left out: the unit tests record it with
 * the version, so that a change of the file without a new version (which the runner would never apply to
 * a running realm) fails at once.
 */
export function realmFingerprint(realm: RealmExport): string {
  const attributes = { ...(realm.attributes ?? {}) };
  delete attributes[REALM_VERSION_ATTRIBUTE];
  return createHash('sha256')
    .update(JSON.stringify({ ...realm, attributes }))
    .digest('hex');
}

/** Keycloak's password policy string as policies and arguments: `length(12) and notUsername` -> Map. */
export function passwordPolicies(policy: string | undefined): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const part of (policy ?? '').split(/\s+and\s+/)) {
    const m = /^\s*([A-Za-z]+)\s*(?:\(\s*([^)]*?)\s*\))?\s*$/.exec(part);
    if (m) out.set(m[1], m[2] || undefined);
  }
  return out;
}

/**
 * Why a password would be refused by the realm's policy, as far as the file can tell (length, maximum
 * length, username, e-mail): Keycloak refuses to import a user whose password breaks it, so the demo
 * users' password is checked here, before any start.
 */
export function passwordPolicyProblems(
  policy: string | undefined,
  password: string,
  user: { username: string; email?: string },
): string[] {
  const p = passwordPolicies(policy);
  const problems: string[] = [];
  const min = Number(p.get('length') ?? 8);
  if (p.has('length') && password.length < min) problems.push(`shorter than ${min}`);
  const max = Number(p.get('maxLength') ?? 64);
  if (p.has('maxLength') && password.length > max) problems.push(`longer than ${max}`);
  if (p.has('notUsername') && password.toLowerCase() === user.username.toLowerCase())
    problems.push('equal to the username');
  if (p.has('notEmail') && user.email && password.toLowerCase() === user.email.toLowerCase())
    problems.push('equal to the e-mail');
  return problems;
}

/** Settings a real deployment relies on, checked on the development file too so that it stays a model. */
function realmSettingsProblems(realm: RealmExport): string[] {
  const problems: string[] = [];
  if (realmVersion(realm) < 1)
    problems.push(`attribute ${REALM_VERSION_ATTRIBUTE} must be a positive integer`);
  if (realm.sslRequired !== 'external' && realm.sslRequired !== 'all')
    problems.push('sslRequired must be external (or all): HTTPS for every address but private ones');
  if (!realm.displayNameHtml?.trim())
    problems.push('displayNameHtml must name the programme on the sign-in page');
  if (
    realm.internationalizationEnabled !== true ||
    realm.defaultLocale !== 'fr' ||
    !(realm.supportedLocales ?? []).includes('fr') ||
    !(realm.supportedLocales ?? []).includes('en')
  ) {
    problems.push('internationalization must be on, French by default, English selectable');
  }
  if (realm.bruteForceProtected !== true || realm.permanentLockout !== false || !(realm.failureFactor! > 0))
    problems.push('brute-force protection must be on, with a temporary lockout after failureFactor failures');
  const policy = passwordPolicies(realm.passwordPolicy);
  if (!(Number(policy.get('length')) >= 12)) problems.push('password policy must require length(12) or more');
  if (!policy.has('notUsername')) problems.push('password policy must refuse the username (notUsername)');
  if (!(Number(policy.get('passwordHistory')) >= 1))
    problems.push('password policy must keep a passwordHistory');
  if (realm.eventsEnabled !== true || !(realm.eventsExpiration! > 0))
    problems.push('login events must be saved (eventsEnabled) with a retention (eventsExpiration)');
  if (realm.adminEventsEnabled !== true || !(Number(realm.attributes?.adminEventsExpiration) > 0))
    problems.push(
      'admin events must be saved (adminEventsEnabled) with a retention (attributes.adminEventsExpiration)',
    );
  return problems;
}

/** The web client: authorization code with PKCE only, exact redirect URIs (a wildcard lets a code leak). */
function webClientProblems(web: RealmClient): string[] {
  const problems: string[] = [];
  if (!web.publicClient || web.attributes?.['pkce.code.challenge.method'] !== 'S256')
    problems.push(`client ${WEB_CLIENT} must be public with PKCE S256`);
  if (!web.standardFlowEnabled) problems.push(`client ${WEB_CLIENT} must use the authorization code flow`);
  const uris = web.redirectUris ?? [];
  if (uris.length === 0 || uris.some((u) => u.includes('*')))
    problems.push(`client ${WEB_CLIENT} must list exact redirect URIs (no wildcard)`);
  if (!uris.some((u) => u.endsWith(DOCS_REDIRECT_PATH)))
    problems.push(`client ${WEB_CLIENT} must redirect to Swagger UI's ${DOCS_REDIRECT_PATH}`);
  return problems;
}

/** Pure check of what the platform relies on in the realm. Returns the problems found (empty: valid). */
export function validateRealm(realm: RealmExport): string[] {
  const problems: string[] = [];
  if (realm.realm !== REALM_NAME) problems.push(`realm must be "${REALM_NAME}"`);
  if (realm.enabled !== true) problems.push('realm must be enabled');
  problems.push(...realmSettingsProblems(realm));

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
    if (PASSWORD_GRANT_CLIENTS.includes(id) && !c.directAccessGrantsEnabled)
      problems.push(`client ${id} must allow direct access grants`);
  }
  for (const c of realm.clients ?? []) {
    if (c.directAccessGrantsEnabled && !PASSWORD_GRANT_CLIENTS.includes(c.clientId))
      problems.push(
        `client ${c.clientId} must not allow the password grant (only ${PASSWORD_GRANT_CLIENTS.join(', ')})`,
      );
  }
  const dev = clients.get(DEV_CLIENT);
  if (dev && (dev.publicClient || !dev.secret || dev.standardFlowEnabled)) {
    problems.push(`client ${DEV_CLIENT} must be confidential with a secret, and no browser flow`);
  }
  const api = clients.get(API_CLIENT);
  if (api && (api.publicClient || !api.secret || !api.serviceAccountsEnabled)) {
    problems.push(`client ${API_CLIENT} must be confidential with a secret and service accounts`);
  }
  const web = clients.get(WEB_CLIENT);
  if (web) problems.push(...webClientProblems(web));

  const users = realm.users ?? [];
  if (users.length === 0) problems.push('no demo users');
  // One documented development password for every demo user (README, "Demo users").
  const passwords = new Set<string>();
  for (const u of users) {
    const who = `user ${u.username}`;
    if (!u.email || !u.firstName || !u.lastName) problems.push(`${who} needs email, firstName and lastName`);
    if (u.enabled !== true || u.emailVerified !== true)
      problems.push(`${who} must be enabled with a verified email`);
    if ((u.requiredActions ?? []).length > 0) problems.push(`${who} must have no required actions`);
    const pwd = (u.credentials ?? []).find((c) => c.type === 'password');
    if (!pwd?.value || pwd.temporary !== false) problems.push(`${who} needs a non-temporary password`);
    else {
      const weak = passwordPolicyProblems(realm.passwordPolicy, pwd.value, u);
      if (weak.length > 0) problems.push(`${who}'s password breaks the password policy: ${weak.join(', ')}`);
      passwords.add(pwd.value);
    }
    const roles = u.realmRoles ?? [];
    if (roles.length === 0) problems.push(`${who} has no realm role`);
    for (const r of roles) if (!declared.has(r)) problems.push(`${who} has undeclared role ${r}`);
    for (const a of Object.keys(u.attributes ?? {})) {
      if (!(SCOPE_ATTRIBUTES as readonly string[]).includes(a))
        problems.push(`${who} has unknown attribute ${a}`);
    }
  }
  if (passwords.size > 1) problems.push('the demo users must share one development password');
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

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseRealm, type RealmExport } from './realm';

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
  return demoUsersOf(parseRealm(readFileSync(file, 'utf8'), file));
}

export const DEMO_USERS: readonly DemoUser[] = loadDemoUsers();

export function demoUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.username === username);
}

/** The demo usernames, in the order of the realm file. */
export const DEMO_USERNAMES = DEMO_USERS.map((u) => u.username);

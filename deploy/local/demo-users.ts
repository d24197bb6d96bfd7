/**
 * The demo users of the local realm as a constant, read from deploy/keycloak/prosmed-realm.json (the single
 * source; nothing is duplicated here). Tests and `npm run token` get their tokens with these.
 * Development passwords only.
 */
import { loadDemoUsers, type DemoUser } from './realm';

export { demoUsersOf, loadDemoUsers, realmFilePath, type DemoUser } from './realm';

export const DEMO_USERS: readonly DemoUser[] = loadDemoUsers();

export function demoUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.username === username);
}

/** The demo usernames, in the order of the realm file. */
export const DEMO_USERNAMES: readonly string[] = DEMO_USERS.map((u) => u.username);

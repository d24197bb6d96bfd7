/**
 * Roles and permissions of the platform: the ONE table that says which realm role may do what.
 * Routes declare a permission (`@Permission('cofo:write')`), never a role, so giving a role a new right
 * is one line here. Scope (which CoFo, tribunal, CCS or structure) is checked by the services, from the
 * verified identity: a permission says "may do this kind of thing", never "on which record".
 */

/** Realm roles of `deploy/keycloak/prosmed-realm.json`. */
export const ROLES = [
  'admin',
  'programme-manager',
  'cofo-secretary',
  'tribunal-clerk',
  'ccs-secretary',
  'focal-point',
  'snlcc-secretariat',
] as const;
export type Role = (typeof ROLES)[number];

/** Every permission, with what it allows (shown in the OpenAPI document). */
export const PERMISSIONS = {
  'me:read': 'Read who I am: my roles, scopes and permissions',
  'place:read': 'Read the places (régions, cercles, communes, villages)',
  'place:write': 'Add or edit places',
  'cofo:read': 'List and read land commissions (CoFo); a CoFo secretary sees her own',
  'cofo:write': 'Create and edit land commissions (CoFo)',
  'tribunal:read': 'List and read tribunals',
  'tribunal:write': 'Create and edit tribunals',
  'case:read': 'Read land dispute cases in scope',
  'case:write': 'File cases and record sessions and PVs for my CoFo',
  'homologation:decide': 'Record homologation decisions of my tribunal',
  'case:refer': 'Record the referral of a non-conciliation to the tribunal (CoFo secretary or clerk)',
  'activity:read': 'Read security committee (CCS) activities in scope',
  'activity:write': 'Record activities of my CCS',
  'grievance:read': 'Read community security grievances of my CCS',
  'grievance:write': 'Record and follow grievances of my CCS',
  'action:read': 'Read the anticorruption action plan',
  'update:propose': "Propose status updates of my structure's actions",
  'update:validate': 'Validate or return proposed updates',
  'report:read': 'Read indicators and quarterly reports',
} as const;
export type PermissionName = keyof typeof PERMISSIONS;

/** The table. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly PermissionName[]>> = {
  admin: [
    'me:read',
    'place:read',
    'place:write',
    'cofo:read',
    'cofo:write',
    'tribunal:read',
    'tribunal:write',
    'case:read',
    'activity:read',
    'action:read',
    'report:read',
  ],
  'programme-manager': [
    'me:read',
    'place:read',
    'cofo:read',
    'tribunal:read',
    'case:read',
    'activity:read',
    'action:read',
    'report:read',
  ],
  'cofo-secretary': [
    'me:read',
    'place:read',
    'cofo:read',
    'tribunal:read',
    'case:read',
    'case:write',
    'case:refer',
  ],
  'tribunal-clerk': [
    'me:read',
    'place:read',
    'cofo:read',
    'tribunal:read',
    'case:read',
    'homologation:decide',
    'case:refer',
  ],
  'ccs-secretary': [
    'me:read',
    'place:read',
    'activity:read',
    'activity:write',
    'grievance:read',
    'grievance:write',
  ],
  'focal-point': ['me:read', 'action:read', 'update:propose'],
  'snlcc-secretariat': ['me:read', 'action:read', 'update:validate', 'report:read'],
};

export function isRole(r: string): r is Role {
  return (ROLES as readonly string[]).includes(r);
}

export function isPermission(p: string): p is PermissionName {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, p);
}

/** Permissions granted by a set of roles; roles unknown to the table (Keycloak defaults) grant nothing. */
export function permissionsOf(roles: readonly string[]): PermissionName[] {
  const granted = new Set<PermissionName>();
  for (const r of roles) if (isRole(r)) for (const p of ROLE_PERMISSIONS[r]) granted.add(p);
  return (Object.keys(PERMISSIONS) as PermissionName[]).filter((p) => granted.has(p));
}

export function hasPermission(roles: readonly string[], permission: PermissionName): boolean {
  return roles.some((r) => isRole(r) && ROLE_PERMISSIONS[r].includes(permission));
}

/** Roles that hold a permission, in table order (for the OpenAPI document and the authorisation matrix). */
export function rolesWith(permission: PermissionName): Role[] {
  return ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(permission));
}

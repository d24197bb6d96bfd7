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
  'steering-committee',
  'me-officer',
] as const;
export type Role = (typeof ROLES)[number];

/** Every permission, with what it allows (shown in the OpenAPI document). */
export const PERMISSIONS = {
  'me:read': 'Savoir qui je suis : mes rôles, périmètres et permissions',
  'place:read': 'Lire les lieux (régions, cercles, communes, villages)',
  'place:write': 'Ajouter ou modifier des lieux',
  'cofo:read': 'Lister et lire les commissions foncières (CoFo) ; une secrétaire voit la sienne',
  'cofo:write': 'Créer et modifier les commissions foncières (CoFo)',
  'tribunal:read': 'Lister et lire les tribunaux',
  'tribunal:write': 'Créer et modifier les tribunaux',
  'case:read': 'Lire les dossiers de litiges fonciers de son périmètre',
  'case:write': 'Enregistrer les saisines, actes et PV de ma CoFo',
  'homologation:decide': 'Enregistrer les décisions d’homologation de mon tribunal',
  'case:refer': 'Enregistrer le renvoi d’une non-conciliation au tribunal (secrétaire de CoFo ou greffière)',
  'ccs:read': 'Lister et lire les comités consultatifs de sécurité (CCS) ; une secrétaire voit le sien',
  'ccs:write': 'Créer et modifier les comités consultatifs de sécurité (CCS) et leurs membres',
  'activity:read':
    'Lire les activités, infrastructures et formations des comités consultatifs de sécurité (CCS) de son périmètre',
  'activity:write': 'Enregistrer les activités, infrastructures remises et formations de mon CCS',
  'grievance:read':
    'Lire les plaintes communautaires de sécurité de mon périmètre (l’identité du plaignant : mon CCS seul)',
  'grievance:write': 'Enregistrer et suivre les plaintes de mon CCS',
  'action:read': 'Lire le plan d’action anticorruption (SNLCC), ses structures et ses rapports d’exécution',
  'plan:write':
    'Importer le plan d’action, gérer les structures, les plans annuels et les sessions du comité',
  'update:propose': 'Proposer les mises à jour des actions de ma structure',
  'update:consolidate': 'Consolider les mises à jour proposées (Secrétariat permanent)',
  'update:validate': 'Valider ou renvoyer les mises à jour consolidées (comité de pilotage)',
  'session:close': 'Clore une session du comité de pilotage, ce qui fige les statuts validés de sa période',
  'report:read': 'Lire les indicateurs et les rapports trimestriels',
  'report:write': 'Rédiger, compléter et publier les rapports trimestriels',
  'programme-activity:write':
    'Enregistrer les activités du programme qu’aucun autre service n’enregistre (formations, ateliers, sensibilisations)',
  'indicator:write': 'Définir les indicateurs du cadre de résultats et leurs cibles',
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
    'ccs:read',
    'ccs:write',
    'activity:read',
    'grievance:read',
    'action:read',
    'plan:write',
    'report:read',
    'indicator:write',
  ],
  'programme-manager': [
    'me:read',
    'place:read',
    'cofo:read',
    'tribunal:read',
    'case:read',
    'ccs:read',
    'activity:read',
    'grievance:read',
    'action:read',
    'report:read',
    'report:write',
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
    'ccs:read',
    'activity:read',
    'activity:write',
    'grievance:read',
    'grievance:write',
  ],
  'focal-point': ['me:read', 'action:read', 'update:propose'],
  'snlcc-secretariat': ['me:read', 'action:read', 'plan:write', 'update:consolidate', 'report:read'],
  'steering-committee': ['me:read', 'action:read', 'update:validate', 'session:close', 'report:read'],
  'me-officer': ['me:read', 'place:read', 'report:read', 'report:write', 'programme-activity:write'],
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

import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  hasPermission,
  isPermission,
  PERMISSIONS,
  type PermissionName,
  permissionsOf,
  ROLE_PERMISSIONS,
  ROLES,
  rolesWith,
} from './permissions';

describe('the roles -> permissions table', () => {
  it('names exactly the realm roles of the Keycloak export', () => {
    const realm = JSON.parse(
      readFileSync(path.join(__dirname, '../../../deploy/keycloak/prosmed-realm.json'), 'utf8'),
    ) as { roles: { realm: { name: string }[] } };
    const realmRoles = realm.roles.realm.map((r) => r.name).filter((r) => !r.startsWith('default-roles'));
    expect([...ROLES].sort()).toEqual(
      realmRoles.filter((r) => !['offline_access', 'uma_authorization'].includes(r)).sort(),
    );
  });

  it('grants only known permissions, each once', () => {
    for (const role of ROLES) {
      const perms = ROLE_PERMISSIONS[role];
      expect(new Set(perms).size).toBe(perms.length);
      for (const p of perms) expect(isPermission(p)).toBe(true);
      // Everyone may ask who they are.
      expect(perms).toContain('me:read');
    }
  });

  it('gives every permission to at least one role', () => {
    for (const p of Object.keys(PERMISSIONS) as PermissionName[])
      expect(rolesWith(p).length).toBeGreaterThan(0);
  });

  it.each<[string, PermissionName, boolean]>([
    ['admin', 'cofo:write', true],
    ['admin', 'tribunal:write', true],
    ['programme-manager', 'cofo:read', true],
    ['programme-manager', 'cofo:write', false],
    ['cofo-secretary', 'cofo:read', true],
    ['cofo-secretary', 'cofo:write', false],
    ['cofo-secretary', 'case:write', true],
    ['tribunal-clerk', 'homologation:decide', true],
    ['tribunal-clerk', 'case:write', false],
    ['ccs-secretary', 'cofo:read', false],
    ['focal-point', 'tribunal:read', false],
    ['focal-point', 'update:propose', true],
    ['snlcc-secretariat', 'update:consolidate', true],
    ['snlcc-secretariat', 'update:validate', false],
    ['steering-committee', 'update:validate', true],
    ['snlcc-secretariat', 'update:propose', false],
  ])('%s has %s: %s', (role, permission, expected) => {
    expect(hasPermission([role], permission)).toBe(expected);
  });

  it('ignores roles it does not know (Keycloak defaults, typos) and unions the rest', () => {
    expect(permissionsOf(['offline_access', 'uma_authorization', 'Admin'])).toEqual([]);
    expect(hasPermission(['default-roles-prosmed'], 'me:read')).toBe(false);
    const both = permissionsOf(['focal-point', 'ccs-secretary']);
    expect(both).toEqual(expect.arrayContaining(['update:propose', 'activity:write', 'me:read']));
    expect(both.filter((p) => p === 'me:read')).toHaveLength(1);
  });

  it('lists who holds a permission', () => {
    expect(rolesWith('cofo:write')).toEqual(['admin']);
    expect(rolesWith('cofo:read')).toEqual([
      'admin',
      'programme-manager',
      'cofo-secretary',
      'tribunal-clerk',
    ]);
  });
});

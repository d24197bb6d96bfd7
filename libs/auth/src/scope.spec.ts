import { domainError, type DomainError, type Identity } from '@prosmed/contracts';
import { ROLES } from './permissions';
import {
  assertInScope,
  assertFoundInScope,
  inScope,
  NO_SCOPE,
  requirePermission,
  ROLE_SCOPE,
  scopeOf,
  type Scope,
} from './scope';

const who = (roles: string[], attrs: Partial<Identity> = {}): Identity => ({
  sub: 's',
  username: 'u',
  roles,
  ...attrs,
});

function refusal(fn: () => unknown): ReturnType<DomainError['toPayload']> {
  try {
    fn();
  } catch (err) {
    return (err as DomainError).toPayload();
  }
  throw new Error('expected a refusal');
}

const notFound = domainError('CASE_NOT_FOUND');
const secretary = who(['cofo-secretary'], { cofoId: 'SEG01', tribunalId: 'TI-SAN' });
const clerk = who(['tribunal-clerk'], { tribunalId: 'TI-SEGOU', cofoId: 'SAN01' });

describe('scope', () => {
  it('gives every role of the permissions table a reach', () => {
    expect(Object.keys(ROLE_SCOPE).sort()).toEqual([...ROLES].sort());
  });

  it('reaches everything for national roles, their own unit for the others', () => {
    expect(scopeOf(who(['admin']), 'case:read')).toEqual({ all: true });
    expect(scopeOf(who(['programme-manager']), 'cofo:read')).toEqual({ all: true });
    // A secretary's tribunal attribute gives her nothing: her role is scoped by CoFo.
    expect(scopeOf(secretary, 'case:read')).toEqual({ ...NO_SCOPE, cofo: ['SEG01'] });
    expect(scopeOf(clerk, 'case:read')).toEqual({ ...NO_SCOPE, tribunal: ['TI-SEGOU'] });
    expect(scopeOf(who(['ccs-secretary'], { ccsId: 'CCS-SEGOU' }), 'activity:write')).toEqual({
      ...NO_SCOPE,
      ccs: ['CCS-SEGOU'],
    });
    expect(scopeOf(who(['focal-point'], { structureId: 'OCLEI' }), 'update:propose')).toEqual({
      ...NO_SCOPE,
      structure: ['OCLEI'],
    });
  });

  it('counts only the roles that grant the permission asked for', () => {
    const both = who(['cofo-secretary', 'tribunal-clerk'], { cofoId: 'SEG01', tribunalId: 'TI-SEGOU' });
    expect(scopeOf(both, 'case:refer')).toEqual({ ...NO_SCOPE, cofo: ['SEG01'], tribunal: ['TI-SEGOU'] });
    expect(scopeOf(both, 'case:write')).toEqual({ ...NO_SCOPE, cofo: ['SEG01'] });
    expect(scopeOf(both, 'homologation:decide')).toEqual({ ...NO_SCOPE, tribunal: ['TI-SEGOU'] });
    // An admin who is also a secretary reads everything but writes only in her CoFo.
    const adminSecretary = who(['admin', 'cofo-secretary'], { cofoId: 'SEG01' });
    expect(scopeOf(adminSecretary, 'case:read')).toEqual({ all: true });
    expect(scopeOf(adminSecretary, 'case:write')).toEqual({ ...NO_SCOPE, cofo: ['SEG01'] });
  });

  it('reaches nothing for a scoped role without its attribute, or unknown roles', () => {
    expect(scopeOf(who(['cofo-secretary']), 'case:read')).toEqual(NO_SCOPE);
    expect(scopeOf(who(['default-roles-prosmed']), 'case:read')).toEqual(NO_SCOPE);
  });

  it('refuses a permission no role grants with FORBIDDEN_ROLE naming it', () => {
    expect(refusal(() => requirePermission(who(['admin']), 'case:write'))).toEqual({
      code: 'FORBIDDEN_ROLE',
      kind: 'forbidden',
      params: { permission: 'case:write' },
    });
    expect(refusal(() => requirePermission(who([]), 'cofo:read')).params).toEqual({
      permission: 'cofo:read',
    });
    // Holding the permission without the attribute is not a role problem: the scope is simply empty.
    expect(requirePermission(who(['cofo-secretary']), 'case:write')).toEqual(NO_SCOPE);
  });

  it('matches a record by any of its units, single codes or lists', () => {
    const scope: Scope = { ...NO_SCOPE, tribunal: ['TI-SEGOU'] };
    expect(inScope(scope, { cofo: 'SEG01', tribunal: 'TI-SEGOU' })).toBe(true);
    expect(inScope(scope, { cofo: 'SEG01', tribunal: null })).toBe(false);
    expect(inScope(scope, { cofo: ['SAN01', 'SEG01'] })).toBe(false);
    expect(inScope(scope, { tribunal: ['TI-SAN', 'TI-SEGOU'] })).toBe(true);
    expect(inScope({ all: true }, {})).toBe(true);
    expect(inScope(NO_SCOPE, {})).toBe(false);
  });

  it('says "not found" only to those who would see the record, OUT_OF_SCOPE to the others', () => {
    const ownerOf = (r: { cofo: string }) => ({ cofo: r.cofo });
    expect(refusal(() => assertFoundInScope({ all: true }, undefined, ownerOf, notFound)).code).toBe(
      'CASE_NOT_FOUND',
    );
    const own: Scope = { ...NO_SCOPE, cofo: ['SEG01'] };
    expect(refusal(() => assertFoundInScope(own, undefined, ownerOf, notFound)).code).toBe('OUT_OF_SCOPE');
    // She asked for her own CoFo by code: she may learn it does not exist; not so for another one.
    expect(refusal(() => assertFoundInScope(own, undefined, ownerOf, notFound, { cofo: 'SEG01' })).code).toBe(
      'CASE_NOT_FOUND',
    );
    expect(refusal(() => assertFoundInScope(own, undefined, ownerOf, notFound, { cofo: 'SEG02' })).code).toBe(
      'OUT_OF_SCOPE',
    );
    expect(refusal(() => assertFoundInScope(own, { cofo: 'SAN01' }, ownerOf, notFound)).code).toBe(
      'OUT_OF_SCOPE',
    );
    const found: { cofo: string } | undefined = { cofo: 'SEG01' };
    assertFoundInScope(own, found, ownerOf, notFound);
    // Narrowed: no `!` needed after the check.
    expect(found.cofo).toBe('SEG01');
  });

  it('refuses a known owner outside the scope', () => {
    expect(refusal(() => assertInScope({ ...NO_SCOPE, cofo: ['SEG01'] }, { cofo: 'SAN01' })).code).toBe(
      'OUT_OF_SCOPE',
    );
    expect(() => assertInScope({ ...NO_SCOPE, cofo: ['SEG01'] }, { cofo: 'SEG01' })).not.toThrow();
  });
});

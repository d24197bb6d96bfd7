import type { DomainError, Identity } from '@prosmed/contracts';
import {
  assertRegistryWrite,
  cofoVisible,
  mayLearnAbsence,
  registryReadScope,
  tribunalVisible,
} from './registry-scope';

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

describe('registry scope', () => {
  it('lets only the admin write', () => {
    expect(() => assertRegistryWrite(who(['admin']))).not.toThrow();
    for (const roles of [['programme-manager'], ['cofo-secretary'], ['tribunal-clerk'], []]) {
      expect(refusal(() => assertRegistryWrite(who(roles, { cofoId: 'SEG01' })))).toEqual({
        code: 'FORBIDDEN_ROLE',
        kind: 'forbidden',
        params: { permission: 'land.registry.write' },
      });
    }
  });

  it('gives admin and programme manager everything', () => {
    expect(registryReadScope(who(['admin']))).toEqual({ all: true });
    expect(registryReadScope(who(['programme-manager']))).toEqual({ all: true });
    expect(cofoVisible({ all: true }, { code: 'ANY', tribunalCode: null })).toBe(true);
    expect(tribunalVisible({ all: true }, 'ANY', [])).toBe(true);
  });

  it('gives a secretary her CoFo only, whatever else her token says', () => {
    const scope = registryReadScope(who(['cofo-secretary'], { cofoId: 'SEG01', tribunalId: 'TI-SAN' }));
    expect(scope).toEqual({ all: false, cofoCodes: ['SEG01'], tribunalCodes: [] });
    expect(cofoVisible(scope, { code: 'SEG01', tribunalCode: 'TI-SEGOU' })).toBe(true);
    expect(cofoVisible(scope, { code: 'SAN01', tribunalCode: 'TI-SAN' })).toBe(false);
    expect(cofoVisible(scope, { code: 'SEG02', tribunalCode: 'TI-SEGOU' })).toBe(false);
    // The tribunal her PVs go to, and no other.
    expect(tribunalVisible(scope, 'TI-SEGOU', ['TI-SEGOU'])).toBe(true);
    expect(tribunalVisible(scope, 'TI-SAN', ['TI-SEGOU'])).toBe(false);
  });

  it('gives a clerk her tribunal and the CoFo attached to it', () => {
    const scope = registryReadScope(who(['tribunal-clerk'], { tribunalId: 'TI-SEGOU', cofoId: 'SAN01' }));
    expect(scope).toEqual({ all: false, cofoCodes: [], tribunalCodes: ['TI-SEGOU'] });
    expect(cofoVisible(scope, { code: 'SEG01', tribunalCode: 'TI-SEGOU' })).toBe(true);
    expect(cofoVisible(scope, { code: 'SAN01', tribunalCode: 'TI-SAN' })).toBe(false);
    expect(cofoVisible(scope, { code: 'X1', tribunalCode: null })).toBe(false);
    expect(tribunalVisible(scope, 'TI-SEGOU', [])).toBe(true);
    expect(tribunalVisible(scope, 'TI-SAN', [])).toBe(false);
  });

  it('gives nothing to a secretary or clerk without her attribute', () => {
    const scope = registryReadScope(who(['cofo-secretary', 'tribunal-clerk']));
    expect(scope).toEqual({ all: false, cofoCodes: [], tribunalCodes: [] });
    expect(cofoVisible(scope, { code: 'SEG01', tribunalCode: 'TI-SEGOU' })).toBe(false);
  });

  it('unites the scopes of several roles', () => {
    const scope = registryReadScope(
      who(['cofo-secretary', 'tribunal-clerk'], { cofoId: 'SAN01', tribunalId: 'TI-SEGOU' }),
    );
    expect(cofoVisible(scope, { code: 'SAN01', tribunalCode: 'TI-SAN' })).toBe(true);
    expect(cofoVisible(scope, { code: 'SEG01', tribunalCode: 'TI-SEGOU' })).toBe(true);
  });

  it.each([['ccs-secretary'], ['focal-point'], ['snlcc-secretariat'], ['']])('refuses %j', (role) => {
    expect(refusal(() => registryReadScope(who([role])))).toEqual({
      code: 'FORBIDDEN_ROLE',
      kind: 'forbidden',
      params: { permission: 'land.registry.read' },
    });
  });

  it('tells only the owner (or an all-seeing reader) that a code does not exist', () => {
    expect(mayLearnAbsence({ all: true }, [], 'X')).toBe(true);
    const scope = { all: false as const, cofoCodes: ['SEG01'], tribunalCodes: [] };
    expect(mayLearnAbsence(scope, scope.cofoCodes, 'SEG01')).toBe(true);
    expect(mayLearnAbsence(scope, scope.cofoCodes, 'SEG02')).toBe(false);
  });
});

import { assertFoundInScope, inScope, NO_SCOPE, requirePermission, type Scope } from '@prosmed/auth';
import { domainError, type DomainError, type Identity } from '@prosmed/contracts';
import { cofoOwner, tribunalOwner, withTribunalsOfOwnCofos } from './registry-scope';

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

const cofo = (code: string, tribunalCode: string | null) => cofoOwner({ code, tribunalCode });

describe('registry scope', () => {
  it('lets only the admin write', () => {
    expect(() => requirePermission(who(['admin']), 'cofo:write')).not.toThrow();
    expect(() => requirePermission(who(['admin']), 'tribunal:write')).not.toThrow();
    for (const roles of [['programme-manager'], ['cofo-secretary'], ['tribunal-clerk'], []]) {
      expect(refusal(() => requirePermission(who(roles, { cofoId: 'SEG01' }), 'cofo:write'))).toEqual({
        code: 'FORBIDDEN_ROLE',
        kind: 'forbidden',
        params: { permission: 'cofo:write' },
      });
    }
  });

  it('gives admin and programme manager everything', () => {
    expect(requirePermission(who(['admin']), 'cofo:read')).toEqual({ all: true });
    expect(requirePermission(who(['programme-manager']), 'tribunal:read')).toEqual({ all: true });
  });

  it('gives a secretary her CoFo and the tribunal it sends its PVs to, whatever else her token says', () => {
    const scope = requirePermission(
      who(['cofo-secretary'], { cofoId: 'SEG01', tribunalId: 'TI-SAN' }),
      'cofo:read',
    );
    expect(scope).toEqual({ ...NO_SCOPE, cofo: ['SEG01'] });
    expect(inScope(scope, cofo('SEG01', 'TI-SEGOU'))).toBe(true);
    expect(inScope(scope, cofo('SAN01', 'TI-SAN'))).toBe(false);
    expect(inScope(scope, cofo('SEG02', 'TI-SEGOU'))).toBe(false);
    const tribunals = withTribunalsOfOwnCofos(scope, ['TI-SEGOU']);
    expect(inScope(tribunals, tribunalOwner({ code: 'TI-SEGOU' }))).toBe(true);
    expect(inScope(tribunals, tribunalOwner({ code: 'TI-SAN' }))).toBe(false);
  });

  it('gives a clerk her tribunal and the CoFo attached to it', () => {
    const scope = requirePermission(
      who(['tribunal-clerk'], { tribunalId: 'TI-SEGOU', cofoId: 'SAN01' }),
      'cofo:read',
    );
    expect(scope).toEqual({ ...NO_SCOPE, tribunal: ['TI-SEGOU'] });
    expect(inScope(scope, cofo('SEG01', 'TI-SEGOU'))).toBe(true);
    expect(inScope(scope, cofo('SAN01', 'TI-SAN'))).toBe(false);
    expect(inScope(scope, cofo('X1', null))).toBe(false);
    expect(inScope(scope, tribunalOwner({ code: 'TI-SEGOU' }))).toBe(true);
    expect(inScope(scope, tribunalOwner({ code: 'TI-SAN' }))).toBe(false);
  });

  it('gives nothing to a secretary or clerk without her attribute', () => {
    const scope = requirePermission(who(['cofo-secretary', 'tribunal-clerk']), 'cofo:read');
    expect(scope).toEqual(NO_SCOPE);
    expect(inScope(scope, cofo('SEG01', 'TI-SEGOU'))).toBe(false);
  });

  it('unites the scopes of several roles', () => {
    const scope = requirePermission(
      who(['cofo-secretary', 'tribunal-clerk'], { cofoId: 'SAN01', tribunalId: 'TI-SEGOU' }),
      'cofo:read',
    );
    expect(inScope(scope, cofo('SAN01', 'TI-SAN'))).toBe(true);
    expect(inScope(scope, cofo('SEG01', 'TI-SEGOU'))).toBe(true);
  });

  it.each([['ccs-secretary'], ['focal-point'], ['snlcc-secretariat'], ['']])('refuses %j', (role) => {
    expect(refusal(() => requirePermission(who([role]), 'cofo:read'))).toEqual({
      code: 'FORBIDDEN_ROLE',
      kind: 'forbidden',
      params: { permission: 'cofo:read' },
    });
  });

  it('tells only the owner (or an all-seeing reader) that a code does not exist', () => {
    const notFound = domainError('COFO_NOT_FOUND', { code: 'X' });
    const absent = (scope: Scope, code: string) =>
      refusal(() => assertFoundInScope(scope, undefined, cofoOwner, notFound, { cofo: code })).code;
    expect(absent({ all: true }, 'X')).toBe('COFO_NOT_FOUND');
    const secretary: Scope = { ...NO_SCOPE, cofo: ['SEG01'] };
    expect(absent(secretary, 'SEG01')).toBe('COFO_NOT_FOUND');
    expect(absent(secretary, 'SEG02')).toBe('OUT_OF_SCOPE');
  });

  it('widens a scope with the tribunals of the caller’s CoFo, once each', () => {
    const scope: Scope = { ...NO_SCOPE, cofo: ['SEG01'], tribunal: ['TI-SEGOU'] };
    expect(withTribunalsOfOwnCofos(scope, ['TI-SEGOU', 'TI-SAN'])).toEqual({
      ...scope,
      tribunal: ['TI-SEGOU', 'TI-SAN'],
    });
    expect(withTribunalsOfOwnCofos({ all: true }, ['TI-SAN'])).toEqual({ all: true });
  });
});

import { decodeJwt, hasAnyRole, userOf } from './claims';
import { base64url } from './pkce';

const jwt = (payload: object) => `h.${base64url(new TextEncoder().encode(JSON.stringify(payload)))}.s`;

describe('the signed-in person from the token', () => {
  it('reads roles (without Keycloak defaults) and her scope attribute, names with accents', () => {
    const claims = decodeJwt(
      jwt({
        sub: 'u1',
        preferred_username: 'secretaire.segou',
        name: 'Awa Traoré',
        realm_access: {
          roles: ['default-roles-prosmed', 'offline_access', 'uma_authorization', 'cofo-secretary'],
        },
        cofo_id: 'SEG01',
      }),
    );
    expect(userOf(claims)).toEqual({
      sub: 'u1',
      username: 'secretaire.segou',
      name: 'Awa Traoré',
      roles: ['cofo-secretary'],
      scope: { cofoId: 'SEG01', tribunalId: undefined, ccsId: undefined, structureId: undefined },
    });
  });

  it('copes with a token without roles or name', () => {
    expect(userOf({ sub: 'u2' })).toMatchObject({ username: 'u2', name: 'u2', roles: [] });
    expect(() => decodeJwt('nope')).toThrow('not a JWT');
  });

  it('shows a task to any of its roles; an empty list to everyone', () => {
    expect(hasAnyRole({ roles: ['tribunal-clerk'] }, ['cofo-secretary', 'tribunal-clerk'])).toBe(true);
    expect(hasAnyRole({ roles: ['tribunal-clerk'] }, ['cofo-secretary'])).toBe(false);
    expect(hasAnyRole({ roles: [] }, [])).toBe(true);
  });
});

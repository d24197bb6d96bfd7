import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, type Identity } from '@prosmed/contracts';
import type { AuthRequest } from './auth-context';
import { AuthGuard, bearerToken, PermissionGuard } from './auth.guard';
import { Permission } from './decorators';
import { InvalidTokenError, type KeycloakAccessToken } from './token-verifier';

class Routes {
  @Permission('cofo:write')
  create() {}

  @Permission('cofo:read')
  list() {}

  undeclared() {}
}

function ctxFor(req: AuthRequest, handler: keyof Routes = 'create'): ExecutionContext {
  return {
    switchToHttp: () => ({ getRequest: () => req }),
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
  } as unknown as ExecutionContext;
}

const identity = (roles: string[]): Identity => ({ sub: 'u-1', username: 'someone', roles });

class FakeVerifier {
  calls: string[] = [];
  constructor(private readonly roles: string[] = ['admin']) {}
  async verify(token: string): Promise<{ identity: Identity; claims: KeycloakAccessToken }> {
    this.calls.push(token);
    if (token !== 'good.token.sig') throw new InvalidTokenError('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    return { identity: identity(this.roles), claims: { sub: 'u-1' } };
  }
}

class CountingLimiter {
  keys: string[] = [];
  consume(key: string) {
    this.keys.push(key);
  }
}

const rejection = async (f: () => unknown) => {
  try {
    await f();
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a rejection');
};

describe('bearerToken', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['   ', undefined],
    ['Bearer abc.def.ghi', 'abc.def.ghi'],
    ['bearer abc.def.ghi', 'abc.def.ghi'],
    ['Bearer  abc.def.ghi  ', 'abc.def.ghi'],
    ['Basic dXNlcjpwYXNz', null],
    ['Bearer', null],
    ['Bearer a b', null],
    ['abc.def.ghi', null],
  ])('%j -> %j', (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });
});

describe('AuthGuard', () => {
  it('refuses a request without a token with AUTH_MISSING_TOKEN, counted by IP', async () => {
    const limiter = new CountingLimiter();
    const guard = new AuthGuard(new FakeVerifier(), limiter);
    const err = await rejection(() => guard.canActivate(ctxFor({ headers: {}, ip: '10.0.0.1' })));
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'AUTH_MISSING_TOKEN', kind: 'unauthenticated' });
    expect(limiter.keys).toEqual(['ip:10.0.0.1']);
  });

  it('refuses a bad token with AUTH_INVALID_TOKEN and keeps the reason for the log only', async () => {
    const req: AuthRequest = { headers: { authorization: 'Bearer forged.token.sig' }, ip: '10.0.0.2' };
    const err = await rejection(() => new AuthGuard(new FakeVerifier()).canActivate(ctxFor(req)));
    expect(err).toMatchObject({ code: 'AUTH_INVALID_TOKEN', kind: 'unauthenticated' });
    expect(err.params).toBeUndefined();
    expect(req.authFailure).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect(req.auth).toBeUndefined();
  });

  it('refuses another scheme without calling the verifier', async () => {
    const verifier = new FakeVerifier();
    const req: AuthRequest = { headers: { authorization: 'Basic dXNlcjpwYXNz' } };
    expect(await rejection(() => new AuthGuard(verifier).canActivate(ctxFor(req)))).toMatchObject({
      code: 'AUTH_INVALID_TOKEN',
    });
    expect(verifier.calls).toEqual([]);
  });

  it('attaches the identity and its permissions, and counts the request by subject', async () => {
    const limiter = new CountingLimiter();
    const req: AuthRequest = { headers: { authorization: 'Bearer good.token.sig' }, ip: '10.0.0.3' };
    await expect(
      new AuthGuard(new FakeVerifier(['cofo-secretary']), limiter).canActivate(ctxFor(req)),
    ).resolves.toBe(true);
    expect(req.auth?.identity.roles).toEqual(['cofo-secretary']);
    expect(req.auth?.permissions).toContain('cofo:read');
    expect(req.auth?.permissions).not.toContain('cofo:write');
    expect(limiter.keys).toEqual(['sub:u-1']);
  });

  it('lets the limiter refuse (429) before the route runs', async () => {
    const tooMany = new Error('rate limited');
    const guard = new AuthGuard(new FakeVerifier(), {
      consume: () => {
        throw tooMany;
      },
    });
    const req: AuthRequest = { headers: { authorization: 'Bearer good.token.sig' } };
    expect(await rejection(() => guard.canActivate(ctxFor(req)))).toBe(tooMany);
  });
});

describe('PermissionGuard', () => {
  const guard = new PermissionGuard(new Reflector());
  const authed = (roles: string[]): AuthRequest => ({
    headers: {},
    auth: { identity: identity(roles), claims: { sub: 'u-1' }, permissions: [] },
  });

  it('lets a role holding the permission through', () => {
    expect(guard.canActivate(ctxFor(authed(['admin']), 'create'))).toBe(true);
    expect(guard.canActivate(ctxFor(authed(['cofo-secretary']), 'list'))).toBe(true);
  });

  it('refuses a role without it with FORBIDDEN_ROLE naming the permission', async () => {
    const err = await rejection(() => guard.canActivate(ctxFor(authed(['cofo-secretary']), 'create')));
    expect(err).toMatchObject({
      code: 'FORBIDDEN_ROLE',
      kind: 'forbidden',
      params: { permission: 'cofo:write' },
    });
  });

  it('fails closed on a handler without a declared permission and on a request never authenticated', async () => {
    expect(await rejection(() => guard.canActivate(ctxFor(authed(['admin']), 'undeclared')))).toMatchObject({
      code: 'FORBIDDEN_ROLE',
    });
    expect(await rejection(() => guard.canActivate(ctxFor({ headers: {} }, 'list')))).toMatchObject({
      code: 'AUTH_MISSING_TOKEN',
    });
  });
});

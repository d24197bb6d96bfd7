import { Controller, Get, Patch, Post } from '@nestjs/common';
import { Permission, Public } from './decorators';
import {
  assertRoutesDeclarePermissions,
  routeDeclarations,
  routePermissionProblems,
  RoutePermissionError,
} from './route-permissions';

const opts = { protectedPrefix: '/api/v1', publicAllowed: ['/api/health', '/api/ready', '/metrics'] };

@Controller('api/v1/things')
class ThingsController {
  @Get()
  @Permission('cofo:read')
  list() {}

  @Post()
  @Permission('cofo:write')
  create() {}

  // A forgotten declaration.
  @Patch(':code')
  update() {}

  helper() {}
}

@Controller('api')
class HealthController {
  @Get('health')
  @Public()
  health() {}
}

@Controller('api/v1/open')
class OpenController {
  @Get()
  @Public()
  open() {}
}

@Permission('me:read')
@Controller('api/v1/me')
class ClassLevelController {
  @Get()
  me() {}
}

describe('the start-up check of route permissions', () => {
  it('finds every route with its full path, method and permission', () => {
    const routes = routeDeclarations([ThingsController, HealthController, ClassLevelController]);
    expect(
      routes.map((r) => `${r.method} ${r.path} ${r.permission ?? (r.isPublic ? 'public' : '-')}`),
    ).toEqual([
      'GET /api/v1/things cofo:read',
      'POST /api/v1/things cofo:write',
      'PATCH /api/v1/things/:code -',
      'GET /api/health public',
      'GET /api/v1/me me:read',
    ]);
  });

  it('names a route without a permission and a public route under /api/v1', () => {
    const problems = routePermissionProblems(
      routeDeclarations([ThingsController, HealthController, OpenController]),
      opts,
    );
    expect(problems).toEqual([
      'PATCH /api/v1/things/:code (ThingsController.update) declares no @Permission()',
      'GET /api/v1/open (OpenController.open) is @Public() under /api/v1',
    ]);
  });

  it('refuses public routes other than health, readiness, docs and metrics', () => {
    @Controller('admin')
    class Sneaky {
      @Get('dump')
      @Public()
      dump() {}
    }
    expect(routePermissionProblems(routeDeclarations([Sneaky]), opts)).toEqual([
      'GET /admin/dump (Sneaky.dump) is @Public() but only /api/health, /api/ready, /metrics may be',
    ]);
  });

  it('throws at boot when a route is uncovered, and passes when all are', () => {
    expect(() => assertRoutesDeclarePermissions([ThingsController], opts)).toThrow(RoutePermissionError);
    expect(() => assertRoutesDeclarePermissions([ThingsController], opts)).toThrow(/ThingsController.update/);
    expect(assertRoutesDeclarePermissions([HealthController, ClassLevelController], opts)).toHaveLength(2);
  });
});

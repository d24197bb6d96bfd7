import { Controller, Get, Module, Post } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { Permission, Public, RoutePermissionError, TOKEN_VERIFIER } from '@prosmed/auth';
import { assertEveryRouteDeclaresPermission } from './gateway';

@Controller('api/v1/widgets')
class WidgetsController {
  @Get()
  @Permission('cofo:read')
  list() {}

  @Post()
  create() {}
}

@Controller('api')
class OpsController {
  @Get('health')
  @Public()
  health() {}
}

const boot = async (controllers: (typeof WidgetsController | typeof OpsController)[]) => {
  @Module({
    imports: [DiscoveryModule],
    controllers,
    // The guards of @Permission need a verifier; the check never calls it.
    providers: [{ provide: TOKEN_VERIFIER, useValue: {} }],
  })
  class TestModule {}
  return NestFactory.create(TestModule, { logger: false, abortOnError: false });
};

describe('the start-up permission check', () => {
  it('fails the boot on a route under /api/v1 without a permission, naming it', async () => {
    const app = await boot([WidgetsController, OpsController]);
    try {
      expect(() => assertEveryRouteDeclaresPermission(app)).toThrow(RoutePermissionError);
      expect(() => assertEveryRouteDeclaresPermission(app)).toThrow(
        'POST /api/v1/widgets (WidgetsController.create) declares no @Permission()',
      );
    } finally {
      await app.close();
    }
  });

  it('passes when every route is covered', async () => {
    const app = await boot([OpsController]);
    try {
      expect(() => assertEveryRouteDeclaresPermission(app)).not.toThrow();
    } finally {
      await app.close();
    }
  });
});

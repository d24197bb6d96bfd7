import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { ErrorBodyDto, Public, TOKEN_VERIFIER, type TokenVerifier } from '@prosmed/auth';
import { renderMessage } from '@prosmed/contracts';
import { GatewayKafka } from '../kafka/gateway-kafka';
import type { GatewayRequest } from '../http/request';
import { GATEWAY_DATA_SOURCE } from '../tokens';
import { HealthDto, ReadinessDto } from './health.dto';

const CHECK_TIMEOUT_MS = 2500;

async function check(run: () => Promise<unknown>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      run(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return 'ok';
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('Operations')
@Controller('api')
export class HealthController {
  constructor(
    private readonly kafka: GatewayKafka,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    @Inject(GATEWAY_DATA_SOURCE) private readonly ds: DataSource,
  ) {}

  @Get('health')
  @Public()
  @ApiOperation({ summary: 'Liveness: the process answers', description: 'Public. Checks nothing else.' })
  @ApiOkResponse({ type: HealthDto, description: 'Alive' })
  health(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary: 'Readiness: Kafka, Keycloak and PostgreSQL answer',
    description:
      'Public. Kafka: the request-reply client is connected and the broker describes its cluster; Keycloak: ' +
      "the realm's JWKS can be fetched; PostgreSQL: `select 1`. Each check is bounded (2.5 s).",
  })
  @ApiOkResponse({ type: ReadinessDto, description: 'Every dependency answers' })
  @ApiServiceUnavailableResponse({
    type: ErrorBodyDto,
    description:
      '`SERVICE_UNAVAILABLE`, with one detail per failed check (`field` = kafka, keycloak or postgres)',
  })
  async ready(@Req() req: GatewayRequest, @Res({ passthrough: true }) res: Response): Promise<unknown> {
    const [kafka, keycloak, postgres] = await Promise.all([
      check(async () => {
        if (!this.kafka.isConnected()) throw new Error('request-reply client not connected');
        if (!(await this.kafka.brokerReachable(CHECK_TIMEOUT_MS))) throw new Error('broker unreachable');
      }),
      check(() => this.verifier.ping()),
      check(async () => {
        if (!this.ds.isInitialized) throw new Error('not connected');
        await this.ds.query('SELECT 1');
      }),
    ]);
    const checks = { kafka, keycloak, postgres };
    const failed = Object.entries(checks).filter(([, v]) => v !== 'ok');
    if (failed.length === 0) return { status: 'ready', checks };
    res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      statusCode: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: renderMessage('SERVICE_UNAVAILABLE', req.language),
      details: failed.map(([field, message]) => ({ field, code: 'down', message })),
      requestId: req.requestId,
    };
  }
}

import { Controller, Get, Header, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { ServiceMetrics } from './metrics';
import { ServiceRuntime } from './runtime';

/** Liveness, readiness and Prometheus metrics of a Kafka service. No auth: bind the port inside the cluster. */
@Controller()
export class HealthController {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly metrics: ServiceMetrics,
  ) {}

  /** The process answers: nothing else is checked, so a slow database never gets the pod killed. */
  @Get('health')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Migrations done, PostgreSQL answers `select 1`, the Kafka consumer is in its group. */
  @Get('ready')
  async ready(): Promise<{ status: 'ready'; checks: object }> {
    const r = await this.runtime.readiness();
    if (!r.ready) throw new ServiceUnavailableException({ status: 'not-ready', checks: r.checks });
    return { status: 'ready', checks: r.checks };
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async prometheus(): Promise<string> {
    return this.metrics.text();
  }
}

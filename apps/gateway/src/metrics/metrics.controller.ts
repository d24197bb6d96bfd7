import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@prosmed/auth';
import { GatewayMetrics } from './metrics';

@ApiTags('Operations')
@Controller()
export class MetricsController {
  constructor(private readonly gatewayMetrics: GatewayMetrics) {}

  @Get('metrics')
  @Public()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Public. `http_requests_total` and `http_request_duration_seconds` by method, route template and ' +
      'status; `kafka_request_reply_duration_seconds` by topic and outcome; process metrics.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'Prometheus text format' })
  metrics(): Promise<string> {
    return this.gatewayMetrics.registry.metrics();
  }
}

import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  ReportingMessages,
  type DashboardDto,
  type DashboardQueryDto,
  type DefineIndicatorDto,
  type IndicatorListQueryDto,
  type IndicatorValuesDto,
  type IndicatorValuesQueryDto,
  type ParkedEventIdDto,
  type ParkedEventListDto,
  type ParkedEventRetryDto,
  type ParkedEventQueryDto,
  type ResultIndicatorDto,
  type RetireIndicatorDto,
  type ResultIndicatorListDto,
  type SetTargetDto,
} from '@prosmed/contracts';
import { Handles, readRequestContext } from '@prosmed/messaging';
import { ParkedRetryService } from '../ingest/parked-retry.service';
import { IndicatorsService } from './indicators.service';

@Controller()
export class IndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly parkedRetry: ParkedRetryService,
  ) {}

  @Handles(ReportingMessages.indicatorList)
  list(@Payload() body: IndicatorListQueryDto, @Ctx() ctx: KafkaContext): Promise<ResultIndicatorListDto> {
    return this.indicators.list(readRequestContext(ctx), body.resultArea);
  }

  @Handles(ReportingMessages.indicatorDefine)
  define(@Payload() body: DefineIndicatorDto, @Ctx() ctx: KafkaContext): Promise<ResultIndicatorDto> {
    return this.indicators.define(readRequestContext(ctx), body);
  }

  @Handles(ReportingMessages.indicatorTarget)
  target(@Payload() body: SetTargetDto, @Ctx() ctx: KafkaContext): Promise<ResultIndicatorDto> {
    return this.indicators.setTarget(readRequestContext(ctx), body);
  }

  @Handles(ReportingMessages.indicatorRetire)
  retire(@Payload() body: RetireIndicatorDto, @Ctx() ctx: KafkaContext): Promise<ResultIndicatorDto> {
    return this.indicators.retire(readRequestContext(ctx), body.code, body.reason);
  }

  @Handles(ReportingMessages.indicatorValues)
  values(@Payload() body: IndicatorValuesQueryDto, @Ctx() ctx: KafkaContext): Promise<IndicatorValuesDto> {
    return this.indicators.values(readRequestContext(ctx), body);
  }

  @Handles(ReportingMessages.dashboard)
  dashboard(@Payload() body: DashboardQueryDto, @Ctx() ctx: KafkaContext): Promise<DashboardDto> {
    return this.indicators.dashboard(readRequestContext(ctx), body.period);
  }

  @Handles(ReportingMessages.parkedEventRetry)
  retryParked(@Payload() body: ParkedEventIdDto, @Ctx() ctx: KafkaContext): Promise<ParkedEventRetryDto> {
    return this.parkedRetry.retry(readRequestContext(ctx), body.id, body.note);
  }

  @Handles(ReportingMessages.parkedEvents)
  parked(@Payload() body: ParkedEventQueryDto, @Ctx() ctx: KafkaContext): Promise<ParkedEventListDto> {
    return this.indicators.parked(readRequestContext(ctx), body);
  }
}

import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type KafkaContext } from '@nestjs/microservices';
import { Requests, type PageV1, type TribunalV1 } from '@prosmed/contracts';
import { MapUniqueViolations, readRequestContext, validatePayload } from '@prosmed/messaging';
import { TRIBUNAL_CODE_UNIQUE } from '../registry.errors';
import { GetByCodeDto } from '../shared/dto';
import { CreateTribunalDto, TribunalListQueryDto, UpdateTribunalDto } from './dto/tribunal.dto';
import { TribunalService } from './tribunal.service';

/** Request-reply handlers of the tribunal registry. */
@Controller()
export class TribunalController {
  constructor(private readonly tribunals: TribunalService) {}

  @MessagePattern(Requests.land.tribunalCreate)
  @MapUniqueViolations({ [TRIBUNAL_CODE_UNIQUE]: 'TRIBUNAL_CODE_TAKEN' })
  create(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<TribunalV1> {
    const rc = readRequestContext(ctx);
    return this.tribunals.create(rc, validatePayload(CreateTribunalDto, body));
  }

  @MessagePattern(Requests.land.tribunalUpdate)
  update(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<TribunalV1> {
    const rc = readRequestContext(ctx);
    return this.tribunals.update(rc, validatePayload(UpdateTribunalDto, body));
  }

  @MessagePattern(Requests.land.tribunalList)
  list(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<PageV1<TribunalV1>> {
    const rc = readRequestContext(ctx);
    return this.tribunals.list(rc, validatePayload(TribunalListQueryDto, body ?? {}));
  }

  @MessagePattern(Requests.land.tribunalGet)
  get(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<TribunalV1> {
    const rc = readRequestContext(ctx);
    return this.tribunals.get(rc, validatePayload(GetByCodeDto, body).code);
  }
}

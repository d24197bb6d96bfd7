import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload, type KafkaContext } from '@nestjs/microservices';
import { Requests, type CofoV1, type PageV1 } from '@prosmed/contracts';
import { MapUniqueViolations, readRequestContext, validatePayload } from '@prosmed/messaging';
import { COFO_CODE_UNIQUE } from '../registry.errors';
import { GetByCodeDto } from '../shared/dto';
import { CofoService } from './cofo.service';
import { CofoListQueryDto, CreateCofoDto, UpdateCofoDto } from './dto/cofo.dto';

/** Request-reply handlers of the CoFo registry: caller from the headers, payload validated, one call. */
@Controller()
export class CofoController {
  constructor(private readonly cofos: CofoService) {}

  @MessagePattern(Requests.land.cofoCreate)
  @MapUniqueViolations({ [COFO_CODE_UNIQUE]: 'COFO_CODE_TAKEN' })
  create(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<CofoV1> {
    const rc = readRequestContext(ctx);
    return this.cofos.create(rc, validatePayload(CreateCofoDto, body));
  }

  @MessagePattern(Requests.land.cofoUpdate)
  update(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<CofoV1> {
    const rc = readRequestContext(ctx);
    return this.cofos.update(rc, validatePayload(UpdateCofoDto, body));
  }

  @MessagePattern(Requests.land.cofoList)
  list(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<PageV1<CofoV1>> {
    const rc = readRequestContext(ctx);
    return this.cofos.list(rc, validatePayload(CofoListQueryDto, body ?? {}));
  }

  @MessagePattern(Requests.land.cofoGet)
  get(@Payload() body: unknown, @Ctx() ctx: KafkaContext): Promise<CofoV1> {
    const rc = readRequestContext(ctx);
    return this.cofos.get(rc, validatePayload(GetByCodeDto, body).code);
  }
}

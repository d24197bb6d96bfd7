import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  LandMessages,
  type CreateCofoDto,
  type PageV1,
  type RegistryCodeDto,
  type CofoListQueryDto,
  type CofoV1,
  type UpdateCofoDto,
} from '@prosmed/contracts';
import { Handles, MapUniqueViolations, readRequestContext } from '@prosmed/messaging';
import { COFO_CODE_UNIQUE } from '../registry.errors';
import { CofoService } from './cofo.service';

/** Request-reply handlers of the CoFo registry. */
@Controller()
export class CofoController {
  constructor(private readonly cofos: CofoService) {}

  @Handles(LandMessages.cofoCreate)
  @MapUniqueViolations({ [COFO_CODE_UNIQUE]: 'COFO_CODE_TAKEN' })
  create(@Payload() body: CreateCofoDto, @Ctx() ctx: KafkaContext): Promise<CofoV1> {
    return this.cofos.create(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.cofoUpdate)
  update(@Payload() body: UpdateCofoDto, @Ctx() ctx: KafkaContext): Promise<CofoV1> {
    return this.cofos.update(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.cofoList)
  list(@Payload() body: CofoListQueryDto, @Ctx() ctx: KafkaContext): Promise<PageV1<CofoV1>> {
    return this.cofos.list(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.cofoGet)
  get(@Payload() body: RegistryCodeDto, @Ctx() ctx: KafkaContext): Promise<CofoV1> {
    return this.cofos.get(readRequestContext(ctx), body.code);
  }
}

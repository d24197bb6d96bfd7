import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  LandMessages,
  type CreateTribunalDto,
  type PageV1,
  type RegistryCodeDto,
  type TribunalListQueryDto,
  type TribunalV1,
  type UpdateTribunalDto,
} from '@prosmed/contracts';
import { Handles, MapUniqueViolations, readRequestContext } from '@prosmed/messaging';
import { TRIBUNAL_CODE_UNIQUE } from '../registry.errors';
import { TribunalService } from './tribunal.service';

/** Request-reply handlers of the tribunal registry. */
@Controller()
export class TribunalController {
  constructor(private readonly tribunals: TribunalService) {}

  @Handles(LandMessages.tribunalCreate)
  @MapUniqueViolations({ [TRIBUNAL_CODE_UNIQUE]: 'TRIBUNAL_CODE_TAKEN' })
  create(@Payload() body: CreateTribunalDto, @Ctx() ctx: KafkaContext): Promise<TribunalV1> {
    return this.tribunals.create(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.tribunalUpdate)
  update(@Payload() body: UpdateTribunalDto, @Ctx() ctx: KafkaContext): Promise<TribunalV1> {
    return this.tribunals.update(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.tribunalList)
  list(@Payload() body: TribunalListQueryDto, @Ctx() ctx: KafkaContext): Promise<PageV1<TribunalV1>> {
    return this.tribunals.list(readRequestContext(ctx), body);
  }

  @Handles(LandMessages.tribunalGet)
  get(@Payload() body: RegistryCodeDto, @Ctx() ctx: KafkaContext): Promise<TribunalV1> {
    return this.tribunals.get(readRequestContext(ctx), body.code);
  }
}

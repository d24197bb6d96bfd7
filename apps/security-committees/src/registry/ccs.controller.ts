import { Controller } from '@nestjs/common';
import { Ctx, Payload, type KafkaContext } from '@nestjs/microservices';
import {
  SecurityMessages,
  type CcsCodeDto,
  type CcsDetailDto,
  type CcsDto,
  type CcsListQueryDto,
  type CreateCcsDto,
  type PageV1,
  type UpdateCcsDto,
} from '@prosmed/contracts';
import { Handles, MapUniqueViolations, readRequestContext } from '@prosmed/messaging';
import { CcsService } from './ccs.service';

/** Unique constraint of `security.ccs` (named in the migration). */
export const CCS_CODE_UNIQUE = 'ccs_code_key';

/** Request-reply handlers of the CCS registry. */
@Controller()
export class CcsController {
  constructor(private readonly ccs: CcsService) {}

  @Handles(SecurityMessages.ccsCreate)
  @MapUniqueViolations({ [CCS_CODE_UNIQUE]: 'CCS_CODE_TAKEN' })
  create(@Payload() body: CreateCcsDto, @Ctx() ctx: KafkaContext): Promise<CcsDto> {
    return this.ccs.create(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.ccsUpdate)
  update(@Payload() body: UpdateCcsDto, @Ctx() ctx: KafkaContext): Promise<CcsDto> {
    return this.ccs.update(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.ccsList)
  list(@Payload() body: CcsListQueryDto, @Ctx() ctx: KafkaContext): Promise<PageV1<CcsDto>> {
    return this.ccs.list(readRequestContext(ctx), body);
  }

  @Handles(SecurityMessages.ccsGet)
  get(@Payload() body: CcsCodeDto, @Ctx() ctx: KafkaContext): Promise<CcsDetailDto> {
    return this.ccs.get(readRequestContext(ctx), body.code);
  }
}

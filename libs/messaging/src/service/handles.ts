import { applyDecorators, Injectable, type PipeTransform, SetMetadata, UsePipes } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { AnyMessageDef } from '@prosmed/contracts';
import { Command } from './command';
import { validatePayload } from './validation';

/** Metadata key of the catalogue entry a handler serves (read by the kit and the tests). */
export const MESSAGE_DEF = 'prosmed:message-def';

/**
 * How Nest names the payload to a pipe: it turns `RpcParamtype.PAYLOAD` (3) into the route token of the
 * same number, `'body'` (`PipesConsumer` -> `ParamsTokenFactory`); the context (`@Ctx()`, 6) arrives as
 * `'custom'`. Comparing with the number 3 let every payload through unvalidated.
 */
const RPC_PAYLOAD = 'body';

/** Validates a message's payload against its catalogue request class before the handler sees it. */
@Injectable()
class CataloguePayloadPipe implements PipeTransform {
  constructor(private readonly def: AnyMessageDef) {}

  transform(value: unknown, meta: { type: unknown }): unknown {
    // Only the payload: the context argument (`@Ctx()`) passes untouched.
    if (meta.type !== RPC_PAYLOAD) return value;
    return validatePayload(this.def.request, value ?? {});
  }
}

/**
 * Binds a handler to its catalogue entry: the message id as the pattern the dispatcher routes on, the
 * payload validated with the entry's request class (the handler's `@Payload()` is that class), and, for a
 * command, the kit's exactly-once guard (its idempotency key recorded in the write's transaction).
 */
export function Handles(def: AnyMessageDef): MethodDecorator {
  return applyDecorators(
    MessagePattern(def.id),
    SetMetadata(MESSAGE_DEF, def),
    UsePipes(new CataloguePayloadPipe(def)),
    ...(def.kind === 'command' ? [Command()] : []),
  );
}

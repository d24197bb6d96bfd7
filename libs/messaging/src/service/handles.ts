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

/**
 * The ids of the catalogue messages that a Nest module's controllers handle, its imported modules
 * included, one entry per handler (a message handled twice appears twice). Each service's spec compares
 * it with its catalogue, so a message without a handler, or with two, fails before it reaches Kafka.
 */
export function handledMessageIds(root: unknown): string[] {
  const seen = new Set<unknown>();
  const ids: string[] = [];
  const visit = (mod: unknown): void => {
    // Dynamic modules (`TypeOrmModule.forRoot()`) are `{ module, imports, controllers }` objects.
    const dynamic = typeof mod === 'object' && mod !== null ? (mod as { module?: unknown }) : undefined;
    const cls = dynamic?.module ?? mod;
    if (typeof cls !== 'function' || seen.has(cls)) return;
    seen.add(cls);
    const meta = (key: string): unknown[] => [
      ...((Reflect.getMetadata(key, cls) as unknown[] | undefined) ?? []),
      ...(((dynamic as Record<string, unknown> | undefined)?.[key] as unknown[] | undefined) ?? []),
    ];
    for (const controller of meta('controllers') as { prototype: object }[]) {
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        const def = Reflect.getMetadata(MESSAGE_DEF, handler) as AnyMessageDef | undefined;
        if (def) ids.push(def.id);
      }
    }
    for (const imported of meta('imports')) visit(imported);
  };
  visit(root);
  return ids;
}

import { AsyncResource } from 'node:async_hooks';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RpcException, type KafkaContext } from '@nestjs/microservices';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { catchError, defer, from, lastValueFrom, map, Observable, tap, throwError } from 'rxjs';
import { DomainError, isRemoteErrorPayload } from '@prosmed/contracts';
import {
  COMMAND_METADATA,
  commandHash,
  commandKeyOf,
  readCommandHeaders,
  type CommandHeaders,
  type MessageOrigin,
} from './command';
import type { CommandDelivery, CommandLog } from './command-log';
import { JsonLogger } from './logger';
import { ServiceMetrics } from './metrics';
import { peekRequestHeaders, requestScope } from './request-context';
import { mapUniqueViolation, UNIQUE_VIOLATIONS, type ConflictCode } from './unique-violation';
import { isValidationErrorList } from './validation';

/** The metrics label of a failure: its stable code when it has one, else `internal`. */
export function outcomeOf(err: unknown): string {
  if (err instanceof DomainError) return err.code;
  if (isValidationErrorList(err)) return 'VALIDATION_FAILED';
  if (err instanceof RpcException && isRemoteErrorPayload(err.getError())) {
    return (err.getError() as { code: string }).code;
  }
  return 'internal';
}

/** Whatever the transport's context is, the message's headers and where it came from, if it says. */
function messageOf(ctx: unknown): { headers: Record<string, unknown>; origin: MessageOrigin } {
  const k = ctx as (Partial<KafkaContext> & { getRequestTopic?: () => string }) | undefined;
  const message = typeof k?.getMessage === 'function' ? k.getMessage() : undefined;
  // The kit's transport names the request topic apart (`getTopic()` is the message name there).
  const topic =
    typeof k?.getRequestTopic === 'function'
      ? k.getRequestTopic()
      : typeof k?.getTopic === 'function'
        ? k.getTopic()
        : undefined;
  return {
    headers: (message?.headers ?? {}) as Record<string, unknown>,
    origin: {
      topic,
      partition: typeof k?.getPartition === 'function' ? k.getPartition() : undefined,
      offset: message?.offset,
    },
  };
}

/** The name a handler answers to: its `@MessagePattern`, whatever topic carried the message. */
function messageNameOf(reflector: Reflector, context: ExecutionContext, fallback: string): string {
  const patterns = reflector.get<unknown>(PATTERN_METADATA, context.getHandler());
  const first = Array.isArray(patterns) ? patterns[0] : patterns;
  return typeof first === 'string' ? first : fallback;
}

/**
 * Around every Kafka handler: runs it with the request id in scope (log lines carry it), turns the unique
 * violations the handler declared into their conflict codes, and counts and times it by outcome.
 *
 * A handler marked `@Command()` runs through the command log (see `CommandLog`): in one transaction that
 * records its key first and its result last, refused past its deadline, replayed on a second delivery. A
 * message that carries a client's idempotency key is a write by the gateway's account (it only forwards
 * one on POST, PUT, PATCH, DELETE), so an unmarked handler that receives one is treated as a command too,
 * with a warning: forgetting the decorator must not reopen the double write.
 */
@Injectable()
export class KafkaHandlerInterceptor implements NestInterceptor {
  private readonly warnedUnmarked = new Set<string>();

  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly reflector: Reflector,
    private readonly logger: JsonLogger,
    private readonly commands: CommandLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const kafka = context.switchToRpc().getContext<KafkaContext>();
    const pattern = typeof kafka?.getTopic === 'function' ? kafka.getTopic() : 'unknown';
    const { requestId } = peekRequestHeaders(kafka);
    const uniques = this.reflector.get<Record<string, ConflictCode> | undefined>(
      UNIQUE_VIOLATIONS,
      context.getHandler(),
    );
    const command = this.commandOf(context, pattern, requestId);
    const started = process.hrtime.bigint();
    let replayed = false;
    const done = (outcome: string) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.observe(pattern, outcome, seconds);
      // Rare in normal operation and what tells a retry storm or a lagging consumer apart: always logged.
      if (outcome === 'replayed' || outcome === 'COMMAND_EXPIRED') {
        this.logger.log(
          {
            msg: outcome === 'replayed' ? 'command replayed' : 'command refused: past its deadline',
            pattern,
            requestId,
          },
          KafkaHandlerInterceptor.name,
        );
      }
      if (this.logger.enabled('debug')) {
        this.logger.debug({
          msg: 'handled',
          pattern,
          outcome,
          ms: Math.round(seconds * 1e4) / 10,
          requestId,
          ...(command ? { command: command.key, replayed } : {}),
        });
      }
    };
    // `handle()` binds the handler to the async context it is called in: call it inside the scope (and,
    // for a command, inside its transaction, which `execute` makes ambient before calling it).
    const handled = requestScope.run({ requestId }, () =>
      command
        ? defer(
            AsyncResource.bind(() =>
              from(
                this.commands.execute(command, () =>
                  lastValueFrom(next.handle(), { defaultValue: undefined }),
                ),
              ),
            ),
          ).pipe(
            map((outcome) => {
              replayed = outcome.replayed;
              return outcome.result;
            }),
          )
        : next.handle(),
    );
    return handled.pipe(
      catchError((err: unknown) => throwError(() => mapUniqueViolation(err, uniques) ?? err)),
      tap({
        complete: () => done(replayed ? 'replayed' : 'ok'),
        error: (err: unknown) => done(outcomeOf(err)),
      }),
    );
  }

  private commandOf(
    context: ExecutionContext,
    pattern: string,
    requestId: string | undefined,
  ): CommandDelivery | undefined {
    const marked = this.reflector.get<boolean | undefined>(COMMAND_METADATA, context.getHandler()) === true;
    const { headers: raw, origin } = messageOf(context.switchToRpc().getContext());
    const headers: CommandHeaders = readCommandHeaders(raw as Parameters<typeof readCommandHeaders>[0]);
    if (!marked && !headers.idempotencyKey) return undefined;
    const message = messageNameOf(this.reflector, context, pattern);
    if (!marked && !this.warnedUnmarked.has(message)) {
      this.warnedUnmarked.add(message);
      this.logger.warn(
        { msg: `${message} received an idempotency key but its handler has no @Command(): handled as one` },
        KafkaHandlerInterceptor.name,
      );
    }
    const key = commandKeyOf(headers, origin);
    if (!key) return undefined;
    return {
      key,
      hash: commandHash(message, context.switchToRpc().getData()),
      message,
      requestId,
      deadline: headers.deadline,
    };
  }
}

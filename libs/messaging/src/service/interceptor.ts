import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RpcException, type KafkaContext } from '@nestjs/microservices';
import { catchError, Observable, tap, throwError } from 'rxjs';
import { DomainError, isRemoteErrorPayload } from '@prosmed/contracts';
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

/**
 * Around every Kafka handler: runs it with the request id in scope (log lines carry it), turns the unique
 * violations the handler declared into their conflict codes, and counts and times it by outcome.
 */
@Injectable()
export class KafkaHandlerInterceptor implements NestInterceptor {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly reflector: Reflector,
    private readonly logger: JsonLogger,
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
    const started = process.hrtime.bigint();
    const done = (outcome: string) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.observe(pattern, outcome, seconds);
      if (this.logger.enabled('debug')) {
        this.logger.debug({
          msg: 'handled',
          pattern,
          outcome,
          ms: Math.round(seconds * 1e4) / 10,
          requestId,
        });
      }
    };
    // `handle()` binds the handler to the async context it is called in: call it inside the scope.
    return requestScope
      .run({ requestId }, () => next.handle())
      .pipe(
        catchError((err: unknown) => throwError(() => mapUniqueViolation(err, uniques) ?? err)),
        tap({ complete: () => done('ok'), error: (err: unknown) => done(outcomeOf(err)) }),
      );
  }
}

import { Catch, HttpException, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { RpcException, type KafkaContext } from '@nestjs/microservices';
import { Observable, throwError } from 'rxjs';
import { DomainError, isErrorCode, isRemoteErrorPayload, type RemoteErrorPayload } from '@prosmed/contracts';
import { JsonLogger } from './logger';
import { peekRequestHeaders } from './request-context';
import { isValidationErrorList, validationDetails, validationFailed } from './validation';

/** What the caller gets for anything the service did not classify: no message, no SQL, no stack. */
export const INTERNAL_ERROR_REPLY = 'Internal server error';

/** The reply payload of an error the caller can act on, or `undefined` for an internal one. */
export function replyErrorOf(exception: unknown): RemoteErrorPayload | undefined {
  if (exception instanceof DomainError) return exception.toPayload();
  if (isValidationErrorList(exception)) return validationFailed(validationDetails(exception)).toPayload();
  if (exception instanceof RpcException) {
    const inner = exception.getError();
    if (isRemoteErrorPayload(inner)) return inner;
  }
  return undefined;
}

/**
 * The one exception filter of a service's Kafka handlers. A domain error goes back as its payload
 * (`throwError(() => payload)`: the kit's transport sends it as an error reply, `x-reply-error: 1`,
 * and the gateway's `RequestReplyClient` raises it as `RemoteError`); class-validator errors become
 * `VALIDATION_FAILED` with field details; anything else is logged with the request id and answered with a
 * bare "Internal server error".
 */
@Catch()
export class KafkaExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> {
    const reply = replyErrorOf(exception);
    const kafka = host.getType() === 'rpc' ? host.switchToRpc().getContext<KafkaContext>() : undefined;
    const pattern = typeof kafka?.getTopic === 'function' ? kafka.getTopic() : undefined;
    const requestId = kafka ? peekRequestHeaders(kafka).requestId : undefined;
    if (reply) {
      if (!isErrorCode(reply.code)) {
        this.logger.warn({
          msg: `error code ${reply.code} is not in the error catalogue`,
          pattern,
          requestId,
        });
      }
      return throwError(() => reply);
    }
    const err = exception instanceof Error ? exception : undefined;
    this.logger.error(
      {
        msg: err
          ? `unhandled ${err.name}: ${err.message}`
          : `unhandled non-error thrown: ${String(exception)}`,
        hint:
          exception instanceof HttpException
            ? 'Kafka handlers throw DomainError, never HttpException'
            : undefined,
        pattern,
        requestId,
        stack: err?.stack,
      },
      KafkaExceptionFilter.name,
    );
    return throwError(() => INTERNAL_ERROR_REPLY);
  }
}

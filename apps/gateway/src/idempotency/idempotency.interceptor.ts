import {
  type CallHandler,
  type ExecutionContext,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { Response } from 'express';
import { from, type Observable, switchMap, catchError, mergeMap } from 'rxjs';
import type { JsonLogger } from '@prosmed/messaging';
import type { GatewayConfig } from '../config';
import { ApiError } from '../errors/api-error';
import { errorResponseOf } from '../errors/error-response';
import type { GatewayRequest } from '../http/request';
import { GATEWAY_CONFIG, GATEWAY_LOGGER } from '../tokens';
import { callerSubject, IDEMPOTENCY_KEY, requestHash, WRITE_METHODS } from './hash';
import { IdempotencyStore, type StoredAnswer } from './idempotency.store';
import { ReplayedResponse } from './replayed-response';

/** Response headers worth replaying (the others are recomputed per response). */
const REPLAYED_HEADERS = ['location', 'etag'];

const sleep = (ms: number) => new Promise<void>((res) => setTimeout(res, ms));

/**
 * `Idempotency-Key` on writes (POST, PUT, PATCH, DELETE; optional, honoured when present). The same key
 * with the same request (method, path, canonical body, caller) within the TTL answers the first response
 * again, status and body, with `Idempotent-Replayed: true`, and calls nothing; the same key with another
 * request is 422 `IDEMPOTENCY_KEY_REUSED`. Of concurrent duplicates, one runs; the others wait for its
 * answer (at most `IDEMPOTENCY_WAIT_MS`, then 409 `IDEMPOTENCY_IN_PROGRESS`). Answers below 500 are
 * stored, errors too (a 409 stays a 409); a 5xx (timeout, broker down) has no definite outcome, so the key
 * is released and a retry runs again.
 *
 * This store is the fast path only. The guard is the service's command log, which receives the same key
 * (`callContextOf`): a request the gateway gave up on (504) that the service still applies, a gateway that
 * died holding a claim, a retry through another instance, all find the first result there.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    @Inject(GATEWAY_CONFIG) private readonly cfg: GatewayConfig,
    @Inject(GATEWAY_LOGGER) private readonly logger: JsonLogger,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<GatewayRequest>();
    if (!WRITE_METHODS.has(req.method)) return next.handle();
    const raw = req.headers['idempotency-key'];
    if (raw === undefined) return next.handle();
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!IDEMPOTENCY_KEY.test(key)) throw new ApiError('IDEMPOTENCY_KEY_INVALID');
    const res = ctx.switchToHttp().getResponse<Response>();
    const subject = callerSubject(req);
    const hash = requestHash(req.method, req.originalUrl, req.body, subject);
    // Nest's own default when a route names no status: 201 for POST, 200 otherwise.
    const status =
      (Reflect.getMetadata(HTTP_CODE_METADATA, ctx.getHandler()) as number | undefined) ??
      (req.method === 'POST' ? 201 : 200);

    // Only the request that claimed the key stores or releases it.
    let owner = false;
    return from(this.acquire(subject, key, hash, req.requestId)).pipe(
      switchMap(() => {
        owner = true;
        return next.handle();
      }),
      mergeMap(async (body: unknown) => {
        const headers: Record<string, string> = {};
        for (const h of REPLAYED_HEADERS) {
          const v = res.getHeader(h);
          if (v !== undefined) headers[h] = String(v);
        }
        await this.save(subject, key, hash, {
          status,
          body: JSON.parse(JSON.stringify(body ?? null)),
          headers,
        });
        return body;
      }),
      catchError(async (err: unknown) => {
        if (!owner) throw err;
        const answer = errorResponseOf(err, req.language, req.requestId, this.cfg);
        if (answer.status >= 500) {
          await this.store.release(subject, key, hash).catch((e: unknown) => this.warn('release', e));
        } else {
          await this.save(subject, key, hash, {
            status: answer.status,
            body: answer.body,
            headers: answer.headers,
          });
        }
        throw err;
      }),
    );
  }

  private async acquire(subject: string, key: string, hash: string, requestId: string): Promise<void> {
    const until = Date.now() + this.cfg.idempotency.waitMs;
    let pause = 25;
    for (;;) {
      let claim;
      try {
        claim = await this.store.claim(subject, key, hash, requestId);
      } catch (err) {
        this.logger.error(
          { msg: 'idempotency store unavailable', err: String(err) },
          'IdempotencyInterceptor',
        );
        throw new ApiError('SERVICE_UNAVAILABLE');
      }
      switch (claim.kind) {
        case 'claimed':
          return;
        case 'completed':
          throw new ReplayedResponse(claim.answer.status, claim.answer.body, claim.answer.headers);
        case 'mismatch':
          throw new ApiError('IDEMPOTENCY_KEY_REUSED');
        case 'in_progress':
        case 'gone':
          if (Date.now() >= until)
            throw new ApiError('IDEMPOTENCY_IN_PROGRESS', {}, undefined, { 'Retry-After': '1' });
          await sleep(pause);
          pause = Math.min(pause * 2, 200);
          break;
        default: {
          const unexpected: never = claim;
          throw new Error(`unexpected claim ${JSON.stringify(unexpected)}`);
        }
      }
    }
  }

  private async save(subject: string, key: string, hash: string, answer: StoredAnswer): Promise<void> {
    // The answer is already decided: failing to store it must not fail the request (the lock lapses).
    await this.store.complete(subject, key, hash, answer).catch((e: unknown) => this.warn('complete', e));
  }

  private warn(op: string, err: unknown): void {
    this.logger.warn({ msg: `idempotency ${op} failed`, err: String(err) }, 'IdempotencyInterceptor');
  }
}

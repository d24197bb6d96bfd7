import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import type { AnyMessageDef, FileReply, PvCheckV1 } from '@prosmed/contracts';
import { RemoteError, type JsonLogger } from '@prosmed/messaging';
import { API_V1 } from '../http/paths';
import { callContextOf, type GatewayRequest } from '../http/request';
import { GatewayKafka } from '../kafka/gateway-kafka';
import { GatewayMetrics } from '../metrics/metrics';
import { prefersHtml, pvCheckPageHeaders, renderPvCheckPage } from '../pv-check/pv-check-page';
import { GATEWAY_LOGGER } from '../tokens';
import { contentDisposition } from '../http/content-disposition';

/**
 * Codes any forwarded route may answer without declaring them: the transport's, the validation's, the
 * exactly-once guard's. Everything else a service answers must be in the message's `errors`, or the
 * OpenAPI document would lie; an undeclared code is logged and counted (the end-to-end tests read it).
 */
const GENERIC_CODES = new Set([
  'VALIDATION_FAILED',
  'COMMAND_EXPIRED',
  'IDEMPOTENCY_KEY_REUSED',
  'MESSAGE_UNKNOWN',
]);

/** Undeclared codes seen by this process, by message id: for the tests that keep the catalogue honest. */
export const undeclaredErrorCodes = new Map<string, Set<string>>();

/** Forwards one catalogue route over Kafka and writes the answer; the only HTTP code routes share. */
@Injectable()
export class RouteForwarder {
  constructor(
    private readonly kafka: GatewayKafka,
    private readonly metrics: GatewayMetrics,
    @Inject(GATEWAY_LOGGER) private readonly logger: JsonLogger,
  ) {}

  async forward(def: AnyMessageDef, request: object, req: GatewayRequest, res: Response): Promise<unknown> {
    const key = def.kind === 'command' && def.key ? def.key(request) : undefined;
    let reply: unknown;
    try {
      reply = await this.kafka.send(def, request, callContextOf(req, key));
    } catch (err) {
      this.checkDeclared(def, err);
      throw err;
    }
    const http = def.http!;
    if (http.location) res.location(`/${API_V1}/${http.location(reply)}`);
    if (http.render === 'file') return this.sendFile(res, reply as FileReply);
    if (http.render === 'html-or-json' && prefersHtml(req.headers.accept)) {
      const language = req.language === 'en' ? 'en' : 'fr';
      res
        .status(http.status ?? 200)
        .set(pvCheckPageHeaders(language))
        .send(renderPvCheckPage(reply as PvCheckV1, language));
      return undefined;
    }
    return reply;
  }

  /**
   * A file is always a download (`attachment`), never rendered by the browser in the API's origin, and
   * never cached by anything between (it may hold personal data): there is no public URL to a file.
   */
  private sendFile(res: Response, file: FileReply): undefined {
    res
      .status(200)
      .type(file.contentType ?? 'application/pdf')
      .setHeader('Content-Disposition', contentDisposition(file.filename))
      .setHeader('X-Content-Type-Options', 'nosniff')
      .setHeader('Cache-Control', 'private, no-store')
      .send(Buffer.from(file.base64, 'base64'));
    return undefined;
  }

  private checkDeclared(def: AnyMessageDef, err: unknown): void {
    if (!(err instanceof RemoteError)) return;
    const code = err.payload.code;
    if (GENERIC_CODES.has(code) || (def.errors as readonly string[]).includes(code)) return;
    const seen = undeclaredErrorCodes.get(def.id) ?? new Set<string>();
    seen.add(code);
    undeclaredErrorCodes.set(def.id, seen);
    this.metrics.undeclaredErrors.inc({ message: def.id, code });
    this.logger.error(
      { msg: 'a service answered an error code its catalogue entry does not declare', message: def.id, code },
      'RouteForwarder',
    );
  }
}

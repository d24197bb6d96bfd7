import type { Server } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { renderMessage, type ErrorCode } from '@prosmed/contracts';
import { preferredLanguage } from './language';
import { requestIdOf } from './request-id';

/** Node's own limit on a request line and its headers together (`--max-http-header-size`, 16 KiB). */
const HEADER_LIMIT = '16 kB';

interface ClientError extends Error {
  code?: string;
  /** The bytes Node had read of the request when its parser gave up (absent for socket errors). */
  rawPacket?: Buffer;
}

/** Status and catalogue code of a request Node's HTTP parser refused, or undefined: just close. */
export function clientErrorAnswer(code: string | undefined): { status: number; code: ErrorCode } | undefined {
  if (code === 'HPE_HEADER_OVERFLOW') return { status: 431, code: 'HEADERS_TOO_LARGE' };
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return undefined;
  if (code === 'ECONNRESET' || code === 'EPIPE') return undefined;
  return { status: 400, code: 'MALFORMED_REQUEST' };
}

/** One header of the raw request head, as far as Node read it (latin1: header bytes, no decoding). */
export function rawHeader(raw: Buffer | undefined, name: string): string | undefined {
  if (!raw) return undefined;
  const head = raw.subarray(0, 64 * 1024).toString('latin1');
  const m = new RegExp(`\\r\\n${name}[ \\t]*:[ \\t]*([^\\r\\n]*)`, 'i').exec(head);
  return m?.[1]?.trim();
}

/** The complete HTTP/1.1 answer written on the socket: the API's one error body, then close. */
export function clientErrorResponse(err: ClientError): string | undefined {
  const answer = clientErrorAnswer(err.code);
  if (!answer) return undefined;
  const requestId = requestIdOf(rawHeader(err.rawPacket, 'x-request-id'));
  const lang = preferredLanguage(rawHeader(err.rawPacket, 'accept-language'));
  const body = JSON.stringify({
    statusCode: answer.status,
    code: answer.code,
    message: renderMessage(answer.code, lang, { limit: HEADER_LIMIT }),
    requestId,
  });
  return [
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'X-Content-Type-Options: nosniff',
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * A request that Node's HTTP parser refuses (a URL and headers over 16 kB, bytes that are not HTTP) never
 * reaches Express: Node would answer a bare `431` or `400` with no body and no request id. With this
 * listener every refusal has the API's error body, its code and an id to quote to the support desk.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: ClientError, socket: Duplex) => {
    const response = socket.writable ? clientErrorResponse(err) : undefined;
    if (response === undefined) {
      socket.destroy();
      return;
    }
    socket.end(response);
  });
}

import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { answerClientErrors, clientErrorAnswer, rawHeader } from './client-error';

/** Sends raw bytes to the server and reads everything it answers until it closes. */
function exchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(raw));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (data += d));
    socket.on('close', () => resolve(data));
    socket.on('error', reject);
  });
}

function parse(answer: string): { status: number; headers: string; body: Record<string, unknown> } {
  const [head, ...rest] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head, body: JSON.parse(rest.join('\r\n\r\n')) };
}

describe("requests Node's HTTP parser refuses", () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createServer((_, res) => res.end('ok'));
    answerClientErrors(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('answers a URL over 16 kB with 431 HEADERS_TOO_LARGE, the error body and the caller request id', async () => {
    const url = `/api/v1/places?q=${'A'.repeat(17_000)}`;
    const raw = `GET ${url} HTTP/1.1\r\nHost: x\r\nX-Request-Id: fuzz-req-0001\r\nAccept-Language: en\r\n\r\n`;
    const a = parse(await exchange(port, raw));
    expect(a.status).toBe(431);
    expect(a.headers).toMatch(/\r\nX-Request-Id: fuzz-req-0001/);
    expect(a.body).toEqual({
      statusCode: 431,
      code: 'HEADERS_TOO_LARGE',
      message: expect.stringContaining('16 kB') as string,
      requestId: 'fuzz-req-0001',
    });
  });

  it('answers in French by default, with an id of its own when the caller sent none', async () => {
    const raw = `GET /?q=${'A'.repeat(17_000)} HTTP/1.1\r\nHost: x\r\n\r\n`;
    const a = parse(await exchange(port, raw));
    expect(a.body.message).toMatch(/dépassent la taille maximale/);
    expect(a.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers bytes that are not HTTP with 400 MALFORMED_REQUEST', async () => {
    const a = parse(await exchange(port, 'NOT HTTP AT ALL\r\n\r\n'));
    expect(a.status).toBe(400);
    expect(a.body.code).toBe('MALFORMED_REQUEST');
  });

  it('still serves a normal request', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(await res.text()).toBe('ok');
  });
});

describe('client error helpers', () => {
  it('closes without an answer on socket errors and timeouts', () => {
    expect(clientErrorAnswer('ECONNRESET')).toBeUndefined();
    expect(clientErrorAnswer('ERR_HTTP_REQUEST_TIMEOUT')).toBeUndefined();
    expect(clientErrorAnswer('HPE_INVALID_METHOD')).toEqual({ status: 400, code: 'MALFORMED_REQUEST' });
  });

  it('reads a header from the raw head, case-insensitively, and nothing from no packet', () => {
    const raw = Buffer.from('GET / HTTP/1.1\r\nHost: x\r\nx-request-ID:  abc-12345678 \r\n');
    expect(rawHeader(raw, 'x-request-id')).toBe('abc-12345678');
    expect(rawHeader(undefined, 'x-request-id')).toBeUndefined();
  });
});

import { Agent, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

/**
 * A keep-alive HTTP/1.1 client for one loopback origin: one socket per concurrent request, reused, so a
 * run measures the server and not TCP set-up. Refuses anything but 127.0.0.1 / localhost.
 */
export class LoopbackClient {
  private readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, maxSockets = 256) {
    const u = new URL(baseUrl);
    if (u.hostname !== '127.0.0.1' && u.hostname !== 'localhost') {
      throw new Error(`the benchmark only calls loopback addresses, not ${u.hostname}`);
    }
    this.host = '127.0.0.1';
    this.port = Number(u.port || 80);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /** Sends and reads the whole answer; `keepBody: false` drains it without building the string. */
  send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
    keepBody = true,
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const h: Record<string, string | number> = { ...headers };
      if (body !== undefined) h['content-length'] = Buffer.byteLength(body);
      const req = request(
        { agent: this.agent, host: this.host, port: this.port, method, path, headers: h },
        (res) => {
          const chunks: Buffer[] = [];
          if (keepBody) res.on('data', (c: Buffer) => chunks.push(c));
          else res.resume();
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: keepBody ? Buffer.concat(chunks).toString('utf8') : '',
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

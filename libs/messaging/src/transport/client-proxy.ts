import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { CallContext, MessageRef, RequestReplyClient } from '../request-reply';

/** What `send(pattern, data)` takes: the request's value and its call context (headers, key). */
export interface RequestPacketData {
  value: unknown;
  ctx: CallContext;
  /** The service whose topic carries it; by default the first segment of the pattern (`land.case.file.v1`). */
  service?: string;
}

/**
 * The platform's request-reply as a Nest `ClientProxy`: `client.send('land.cofo.get.v1', { value, ctx })`
 * is an Observable of the reply, or fails with the client's typed errors (`RemoteError`,
 * `RequestTimeoutError`, `BrokerUnavailableError`, `RemoteFailure`). For code that wants Nest's client
 * abstraction; the gateway calls `RequestReplyClient` directly (one Promise, no Observable per call).
 * Events are not request-reply: they go through each service's outbox.
 */
export class RequestReplyClientProxy extends ClientProxy {
  private started?: Promise<void>;

  constructor(private readonly rr: RequestReplyClient) {
    super();
  }

  /** Starts the client once; Nest calls this before every send. */
  connect(): Promise<void> {
    this.started ??= this.rr.start().catch((err: unknown) => {
      this.started = undefined;
      throw err;
    });
    return this.started;
  }

  close(): Promise<void> {
    return this.rr.close();
  }

  unwrap<T>(): T {
    return this.rr as T;
  }

  protected publish(packet: ReadPacket<RequestPacketData>, callback: (p: WritePacket) => void): () => void {
    const id = this.normalizePattern(packet.pattern);
    const message: MessageRef = packet.data.service ? { id, service: packet.data.service } : id;
    this.rr.send(message, packet.data.value, packet.data.ctx).then(
      (response) => callback({ response, isDisposed: true }),
      (err: unknown) => callback({ err, isDisposed: true }),
    );
    // A call cannot be taken back once sent: its own timeout ends it.
    return () => undefined;
  }

  protected dispatchEvent(): Promise<never> {
    return Promise.reject(new Error('events are published through the outbox, not this client'));
  }
}

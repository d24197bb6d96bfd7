import { KafkaContext } from '@nestjs/microservices';
import type { KafkaMessage } from '@nestjs/microservices/external/kafka.interface';
import { Headers } from '@prosmed/contracts';
import type { IncomingRecord } from './driver';

const noHeartbeat = () => Promise.resolve();

/**
 * What `@Ctx()` gives a handler of the service kit's transport. It is a `KafkaContext`, so handlers and
 * helpers written for Nest's Kafka transport keep working: `getMessage()` has the record's key, value,
 * offset and headers (as strings), `getPartition()` its partition. `getTopic()` answers the message id
 * (`land.case.file.v1`), not the topic: under Nest's transport the two were the same, and what callers of
 * `getTopic()` want (the kit's metrics, the exception filter's log lines) is the pattern that chose the
 * handler. The topic the record came from is `getRequestTopic()`. There is no consumer or producer to
 * give: the transport owns them.
 */
export class RequestMessageContext extends KafkaContext {
  constructor(
    private readonly record: IncomingRecord,
    private readonly messageId: string,
  ) {
    super([
      {
        key: record.key === null ? null : Buffer.from(record.key),
        value: record.value,
        timestamp: String(record.timestamp),
        attributes: 0,
        offset: record.offset,
        size: record.value?.length ?? 0,
        // Nest types the headers as kafkajs' (Buffers); every value here is already a string.
        headers: record.headers,
      } as unknown as KafkaMessage,
      record.partition,
      messageId,
      undefined as never,
      noHeartbeat,
      undefined as never,
    ]);
  }

  /** The message id in the `x-message` header: the pattern the handler is registered under. */
  getPattern(): string {
    return this.messageId;
  }

  /** The service's request topic the record was read from (`land.requests.v1`). */
  getRequestTopic(): string {
    return this.record.topic;
  }

  getOffset(): string {
    return this.record.offset;
  }

  /** Epoch ms after which the caller no longer waits (`x-deadline`), when it said. */
  getDeadline(): number | undefined {
    const raw = this.record.headers[Headers.deadline];
    const n = raw === undefined ? NaN : Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }
}

import { Transport, type KafkaOptions } from '@nestjs/microservices';
import { logLevel, type KafkaConfig as KafkaJsConfig } from 'kafkajs';
import type { KafkaConfig } from '@prosmed/config';

/**
 * How long the broker may hold a fetch that finds nothing new. It adds no latency: with kafkajs'
 * `minBytes: 1` the broker answers as soon as one message arrives on any partition of the fetch. What it
 * sets is how often an idle consumer asks again, and each ask lists every partition of every topic it
 * reads (a service reads all its request topics, the gateway all its reply topics). At 20-50 ms an idle
 * gateway and land service burned about 10 % of a core each, and the broker more (bench/README.md, "Kafka
 * options"). 1 s keeps heartbeats (sent between fetches) well inside the 10 s session timeout, and a
 * consumer that is asked to stop waits at most that long for its pending fetch.
 */
export const IDLE_FETCH_WAIT_MS = 1000;

/** kafkajs client settings shared by every app: bounded connects and retries, kafkajs' own logs quiet. */
export function kafkaJsConfig(cfg: KafkaConfig, clientIdSuffix = ''): KafkaJsConfig {
  return {
    clientId: `${cfg.clientId}${clientIdSuffix}`,
    brokers: cfg.brokers,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 2000 },
    logLevel: logLevel.WARN,
  };
}

/**
 * Options of a service's Kafka server (consumer of request topics). One consumer group per service, so
 * replicas share the partitions; partitions are consumed concurrently, each in order.
 */
export function kafkaServerOptions(cfg: KafkaConfig, groupId: string): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      client: kafkaJsConfig(cfg, '-server'),
      consumer: {
        groupId,
        allowAutoTopicCreation: false,
        sessionTimeout: 10000,
        heartbeatInterval: 1000,
        rebalanceTimeout: 10000,
        maxWaitTimeInMs: IDLE_FETCH_WAIT_MS,
      },
      producer: { allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 5 },
      run: { partitionsConsumedConcurrently: 3 },
      subscribe: { fromBeginning: false },
      postfixId: '',
    },
  };
}

/** Options of a request-reply client (the gateway). Each instance has its own reply consumer group. */
export function kafkaClientOptions(cfg: KafkaConfig, groupId: string): KafkaOptions {
  return {
    transport: Transport.KAFKA,
    options: {
      client: kafkaJsConfig(cfg, '-client'),
      consumer: {
        groupId,
        allowAutoTopicCreation: false,
        sessionTimeout: 10000,
        heartbeatInterval: 1000,
        rebalanceTimeout: 10000,
        maxWaitTimeInMs: IDLE_FETCH_WAIT_MS,
      },
      producer: { allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 5 },
      run: { partitionsConsumedConcurrently: 3 },
      postfixId: '',
      producerOnlyMode: false,
    },
  };
}

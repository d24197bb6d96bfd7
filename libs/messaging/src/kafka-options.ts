import { Transport, type KafkaOptions } from '@nestjs/microservices';
import { logLevel, type KafkaConfig as KafkaJsConfig } from 'kafkajs';
import type { KafkaConfig } from '@prosmed/config';

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
        maxWaitTimeInMs: 50,
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
        maxWaitTimeInMs: 20,
      },
      producer: { allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 5 },
      run: { partitionsConsumedConcurrently: 3 },
      postfixId: '',
      producerOnlyMode: false,
    },
  };
}

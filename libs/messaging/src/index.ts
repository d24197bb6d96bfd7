export * from './kafka-options';
export * from './topics-admin';
export * from './tables';
export * from './outbox';
export * from './outbox-relay';
export * from './idempotent-consumer';
export * from './request-reply';
export * from './service';

export * from './driver';
export * from './wire';
export * from './batching-producer';
export * from './request-context';
export * from './request-server';
export * from './reply-topics';
export * from './kafkajs-driver';
export * from './platformatic-driver';

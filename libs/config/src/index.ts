export * from './env';
export * from './platform-config';
export * from './apps';
export * from './public-url';
export * from './dev-client';

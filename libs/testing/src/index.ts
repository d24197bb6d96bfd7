export * from './stack';
export * from './tokens';
export * from './kafka';
export * from './pdf-text';
export * from './service-harness';

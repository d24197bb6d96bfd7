export * from './stack';
export * from './tokens';
export * from './kafka';
export * from './pdf-text';

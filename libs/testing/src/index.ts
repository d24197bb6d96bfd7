export * from './stack';
export * from './tokens';
export * from './kafka';

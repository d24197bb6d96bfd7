export * from './domain';
export * from './plan-dtos';
export * from './update-dtos';
export * from './session-dtos';
export * from './replies';
export * from './events';
export * from './messages';
export * from './errors';

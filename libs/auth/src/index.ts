export * from './token-verifier';
export * from './permissions';
export * from './auth-context';
export * from './metadata-keys';
export * from './auth.guard';
export * from './decorators';
export * from './route-permissions';
export * from './error-body.dto';

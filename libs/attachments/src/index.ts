export * from './sniff';
export * from './strip-metadata';
export * from './inspect';
export * from './store';
export * from './migrations';
export * from './attachments';

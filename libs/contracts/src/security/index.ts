export * from './security';
export * from './ccs-dtos';
export * from './activity-dtos';
export * from './grievance-dtos';
export * from './works-dtos';
export * from './messages';
export * from './errors';

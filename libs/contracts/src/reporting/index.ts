export * from './reporting';
export * from './activity-dtos';
export * from './indicator-dtos';
export * from './report-dtos';
export * from './messages';
export * from './errors';

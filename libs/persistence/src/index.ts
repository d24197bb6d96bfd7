export * from './data-source';
export * from './migrate';
export * from './audit';
export * from './sql-migration';
export * from './transaction';
export * from './paging';
export * from './command';

export * from './topics';
export * from './headers';
export * from './errors';
export * from './error-catalogue';
export * from './land/registry';
export * from './land/cases';
export * from './land/case-dtos';
export * from './places/places';

export * from './deadline';
export * from './dispatch';
export * from './fleet';
export * from './history';
export * from './idempotency';
export * from './request-ride';
export * from './ride';
export * from './ride-id';

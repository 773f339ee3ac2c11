export * from './dispatch';
export * from './fleet';
export * from './ride';
export * from './ride-id';
export * from './request-ride';
export * from './idempotency';
export * from './history';

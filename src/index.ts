export * from './errors';
export * from './encryption-key';
export * from './managed-cmk';

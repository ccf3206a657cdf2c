export * from './errors';
export * from './encryption-key';
export * from './managed-cmk';
export * from './bucket-options';
export * from './encrypted-bucket';
export * from './replication';
export * from './compliance';

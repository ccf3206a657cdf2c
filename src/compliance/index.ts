export * from './compliance-rule';
export * from './encryption-compliance';

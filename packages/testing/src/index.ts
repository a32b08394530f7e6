export * from './state';
export * from './client';
export * from './database';
export * from './fixtures';
export * from './jest-preset';
export * from './subscriptions';
export * from './fault-audit';

export * from './database';
export * from './ports';
export * from './services';
export * from './settings';
export * from './throwaway';

export * from './database';
export * from './ports';
export * from './services';
export * from './settings';
export * from './startup-error';
export * from './port-check';
export * from './data-checks';
export * from './reach';

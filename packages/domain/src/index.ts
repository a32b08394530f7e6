export * from './enums';
export * from './events';
export * from './vnd';
export * from './text';
export * from './dates';
export * from './ids';

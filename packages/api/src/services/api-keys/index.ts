export * from './api-keys';
export * from './key-format';

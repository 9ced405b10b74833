export * from './answer';
export * from './conversations';
export * from './memory';
export * from './prompt';
export * from './sources';

export * from './formats';
export * from './import-file';
export * from './parse';
export * from './upload';

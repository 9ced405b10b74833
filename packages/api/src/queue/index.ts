export * from './bullmq';
export * from './contract';
export * from './in-process';
export { createProcessors } from './processors';

export * from './kinds';
export * from './list-insights';
export * from './run-insight';
export * from './sources';

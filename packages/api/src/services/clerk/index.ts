export * from './clerk-ids';
export * from './mirror';
export * from './webhook';

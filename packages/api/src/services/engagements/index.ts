export * from './engagements';
export * from './list-engagements';

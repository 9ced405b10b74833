export * from './articles';
export * from './config';
export * from './enrich-article';
export * from './feeds';
export * from './poll-feed';
export * from './schedule';

export * from './bm25';
export * from './filters';
export * from './fusion';
export * from './history';
export * from './retrieve';
export * from './search-knowledge';
export * from './snippets';

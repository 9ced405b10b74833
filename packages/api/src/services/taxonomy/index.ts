export * from './categories';
export * from './tags';

export * from './list-audit';
export * from './record-audit';

export * from './client';
export type { DbEnv } from './env';
export { ConfigError, dbEnvSchema, findRepoRoot, getDbEnv, parseEnv, urlVar } from './env';
export * from './hash';
export { APP_ROLE, withOrgContext } from './org-context';
export * from './schema';
export type { SeedResult } from './seed';
export { seedDemoData } from './seed';
export { DEMO_ORG, DEMO_USERS } from './seed-data';

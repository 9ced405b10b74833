/** Cookie names, importable from edge code (proxy) without pulling in the database. */
export const DEV_SESSION_COOKIE = 'consailt_session';
export const CLERK_SESSION_COOKIE = '__session';

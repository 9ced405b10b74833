/**
 * A short-lived, in-process cache of verified API keys, so a busy integration does not pay a database
 * round trip per request to look its key up.
 *
 * Revocation bound: revoking a key drops it from this process's cache at once (`forget`); another
 * process (a second web replica, the worker) may accept it for at most `ttlMs` more (5 s by default).
 * Expiry is checked on every hit against the key's own `expiresAt`, so an expired key is never served
 * from the cache. Only successful lookups are cached: a new key works immediately and a wrong key
 * always reaches the database (and its constant-time hash check).
 */
export type KeyCache<T extends { id: string }> = {
  get: (hash: string) => T | null;
  set: (hash: string, value: T, keyExpiresAt: Date | null) => void;
  /** Drop every entry of this key id (revocation); safe to call inside a transaction that may roll back. */
  forget: (id: string) => void;
  clear: () => void;
  size: () => number;
};

export const API_KEY_CACHE_TTL_MS = 5_000;

export function createKeyCache<T extends { id: string }>(
  opts: { ttlMs?: number; max?: number; now?: () => number } = {},
): KeyCache<T> {
  const ttlMs = opts.ttlMs ?? API_KEY_CACHE_TTL_MS;
  const max = opts.max ?? 10_000;
  const now = opts.now ?? (() => Date.now());
  const entries = new Map<string, { value: T; until: number }>();
  return {
    get(hash) {
      const entry = entries.get(hash);
      if (!entry) return null;
      if (entry.until <= now()) {
        entries.delete(hash);
        return null;
      }
      return entry.value;
    },
    set(hash, value, keyExpiresAt) {
      if (ttlMs <= 0) return;
      // Never cache past the key's own expiry.
      const until = Math.min(now() + ttlMs, keyExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY);
      entries.delete(hash);
      entries.set(hash, { value, until });
      // Map iteration is insertion order: the first entry is the oldest.
      if (entries.size > max) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
    },
    forget(id) {
      for (const [hash, entry] of entries) if (entry.value.id === id) entries.delete(hash);
    },
    clear() {
      entries.clear();
    },
    size: () => entries.size,
  };
}

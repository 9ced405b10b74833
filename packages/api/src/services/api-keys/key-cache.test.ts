import { describe, expect, it } from 'vitest';
import { createKeyCache } from './key-cache';

describe('createKeyCache', () => {
  it('serves an entry until its TTL, then forgets it', () => {
    let t = 1_000;
    const cache = createKeyCache<{ id: string }>({ ttlMs: 5_000, now: () => t });
    cache.set('h1', { id: 'k1' }, null);
    t += 4_999;
    expect(cache.get('h1')).toEqual({ id: 'k1' });
    t += 1;
    expect(cache.get('h1')).toBeNull();
    expect(cache.size()).toBe(0);
  });

  it("never serves a key past the key's own expiry", () => {
    let t = 1_000;
    const cache = createKeyCache<{ id: string }>({ ttlMs: 5_000, now: () => t });
    cache.set('h1', { id: 'k1' }, new Date(2_000));
    t = 1_999;
    expect(cache.get('h1')).not.toBeNull();
    t = 2_000;
    expect(cache.get('h1')).toBeNull();
  });

  it('forgets every entry of a revoked key at once', () => {
    const cache = createKeyCache<{ id: string }>();
    cache.set('h1', { id: 'k1' }, null);
    cache.set('h2', { id: 'k2' }, null);
    cache.forget('k1');
    expect(cache.get('h1')).toBeNull();
    expect(cache.get('h2')).toEqual({ id: 'k2' });
  });

  it('evicts the oldest entry beyond its size bound, and caches nothing with a zero TTL', () => {
    const cache = createKeyCache<{ id: string }>({ max: 2 });
    cache.set('h1', { id: 'k1' }, null);
    cache.set('h2', { id: 'k2' }, null);
    cache.set('h3', { id: 'k3' }, null);
    expect(cache.get('h1')).toBeNull();
    expect(cache.size()).toBe(2);
    const off = createKeyCache<{ id: string }>({ ttlMs: 0 });
    off.set('h1', { id: 'k1' }, null);
    expect(off.get('h1')).toBeNull();
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findRepoRoot } from '@consailt/db';
import { describe, expect, it } from 'vitest';
import { apiEnvSchema } from './env';

describe('.env.example', () => {
  const text = readFileSync(path.join(findRepoRoot(), '.env.example'), 'utf8');
  const lines = text.split('\n');

  it('lists every variable the API, worker and AI packages read', () => {
    const declared = new Set([...text.matchAll(/^([A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const missing = Object.keys(apiEnvSchema.shape).filter((k) => !declared.has(k));
    expect(missing).toEqual([]);
  });

  it('gives every variable a comment and no value (secrets never live here)', () => {
    lines.forEach((line, i) => {
      const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
      if (!m) return;
      // A variable line follows its comment, or sits in a group under one.
      const above = lines
        .slice(0, i)
        .reverse()
        .find((l) => !/^[A-Z0-9_]+=/.test(l));
      expect(above?.startsWith('#'), `${m[1]} needs a comment`).toBe(true);
      if (!['PORT', 'HOST'].includes(m[1] ?? '')) expect(m[2], `${m[1]} must be empty`).toBe('');
    });
  });
});

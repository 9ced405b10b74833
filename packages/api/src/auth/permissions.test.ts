import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findRepoRoot } from '@consailt/db';
import { describe, expect, it } from 'vitest';
import { hasScope, ROLE_SCOPES, SCOPES } from './permissions';
import { renderPermissionTable } from './permissions-table';

describe('roles and scopes', () => {
  it('gives owners everything and each lower role a subset of the one above', () => {
    expect([...ROLE_SCOPES.owner].sort()).toEqual([...SCOPES].sort());
    const subset = (a: readonly string[], b: readonly string[]) => a.every((s) => b.includes(s));
    expect(subset(ROLE_SCOPES.admin, ROLE_SCOPES.owner)).toBe(true);
    expect(subset(ROLE_SCOPES.member, ROLE_SCOPES.admin)).toBe(true);
    expect(subset(ROLE_SCOPES.viewer, ROLE_SCOPES.member)).toBe(true);
  });

  it('keeps viewers read-only', () => {
    expect(ROLE_SCOPES.viewer).toEqual(['knowledge:read']);
    expect(hasScope(ROLE_SCOPES.viewer, 'knowledge:write')).toBe(false);
  });

  it('is printed in docs/API.md exactly as the code defines it', () => {
    // Compare cell contents, not column padding (the formatter aligns markdown tables).
    const normalize = (text: string) =>
      text
        .split('\n')
        .map((line) =>
          line
            .replace(/\s*\|\s*/g, '|')
            .replace(/-+/g, '-')
            .trim(),
        )
        .join('\n');
    const doc = readFileSync(path.join(findRepoRoot(), 'docs/API.md'), 'utf8');
    expect(normalize(doc)).toContain(normalize(renderPermissionTable()));
  });
});

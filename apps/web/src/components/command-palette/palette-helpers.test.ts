import { describe, expect, it } from 'vitest';
import { isPaletteShortcut, matchesQuery } from './palette-helpers';

const key = (
  k: string,
  mods: Partial<{ metaKey: boolean; ctrlKey: boolean; altKey: boolean; shiftKey: boolean }>,
) => ({
  key: k,
  metaKey: false,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('isPaletteShortcut', () => {
  it('accepts ⌘K and Ctrl-K (any case), nothing else', () => {
    expect(isPaletteShortcut(key('k', { metaKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('K', { ctrlKey: true }))).toBe(true);
    expect(isPaletteShortcut(key('k', {}))).toBe(false);
    expect(isPaletteShortcut(key('k', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isPaletteShortcut(key('j', { ctrlKey: true }))).toBe(false);
  });
});

describe('matchesQuery', () => {
  it('matches word prefixes of any text, all query words required', () => {
    expect(matchesQuery('', ['Insights'])).toBe(true);
    expect(matchesQuery('ins', ['Insights', '/insights'])).toBe(true);
    expect(matchesQuery('api keys', ['Settings: API keys'])).toBe(true);
    expect(matchesQuery('sights', ['Insights'])).toBe(false);
    expect(matchesQuery('api news', ['Settings: API keys'])).toBe(false);
  });
});

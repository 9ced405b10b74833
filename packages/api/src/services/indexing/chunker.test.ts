import { describe, expect, it } from 'vitest';
import { chunkMarkdown } from './chunker';

describe('chunkMarkdown', () => {
  it('keeps the heading path (title first) and ignores # lines inside code fences', () => {
    const chunks = chunkMarkdown(
      'Entry',
      'Intro.\n\n# A\nText a.\n\n## B\nText b.\n\n```\n# not a heading\n```\n\nSetext\n======\nText c.',
    );
    expect(chunks.map((c) => c.headingPath)).toEqual([
      ['Entry'],
      ['Entry', 'A'],
      ['Entry', 'A', 'B'],
      ['Entry', 'Setext'],
    ]);
    expect(chunks[2]?.text).toContain('# not a heading');
  });

  it('packs paragraphs to the target size with sentence overlap, deterministically', () => {
    const body = Array.from({ length: 60 }, (_, i) => `Sentence number ${i} is about replenishment.`).join(
      ' ',
    );
    const a = chunkMarkdown('T', body, { targetTokens: 100, overlapTokens: 20 });
    expect(a.length).toBeGreaterThan(5);
    for (const c of a) expect(c.tokenCount).toBeLessThanOrEqual(100);
    // The last sentence of one chunk opens the next.
    const lastOfFirst = a[0]?.text.split('. ').at(-1);
    expect(a[1]?.text.startsWith(lastOfFirst?.replace(/\.$/, '') ?? '?')).toBe(true);
    expect(chunkMarkdown('T', body, { targetTokens: 100, overlapTokens: 20 })).toEqual(a);
  });

  it('gives an entry without body one chunk, findable by its title', () => {
    expect(chunkMarkdown('Only a title', '')).toEqual([
      { ordinal: 0, headingPath: ['Only a title'], text: '', tokenCount: 0 },
    ]);
  });
});

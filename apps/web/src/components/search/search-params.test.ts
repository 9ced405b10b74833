import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  EMPTY_SEARCH,
  parseSearchParams,
  type SearchState,
  sourceHref,
  toApiFilters,
  toSearchParams,
} from './search-params';

const TYPES = ['note', 'document', 'meeting'] as const;
const A = '0b6f8f5e-1c2d-4e3f-8a9b-0c1d2e3f4a5b';
const B = '7d3c1a2b-4e5f-4a6b-9c8d-1e2f3a4b5c6d';

describe('search URL state', () => {
  it('round-trips every filter through the query string', () => {
    const state: SearchState = {
      q: 'warehouse & replenishment?',
      engagementId: A,
      categoryId: B,
      tagIds: [A, B],
      types: ['note', 'meeting'],
      authorId: B,
      from: '2024-05-01',
      to: '2024-05-31',
      source: 'all',
    };
    const params = toSearchParams(state);
    expect(parseSearchParams(new URLSearchParams(params.toString()), TYPES)).toEqual(state);
  });

  it('keeps default values out of the URL', () => {
    expect(toSearchParams({ ...EMPTY_SEARCH, q: 'pricing' }).toString()).toBe('q=pricing');
    expect(toSearchParams(EMPTY_SEARCH).toString()).toBe('');
  });

  it('drops hostile or malformed values instead of sending them to the API', () => {
    const state = parseSearchParams(
      {
        q: 'x'.repeat(2000),
        engagement: "1' or 1=1 --",
        category: 'not-a-uuid',
        tag: [A, 'nope', A.toUpperCase()],
        type: ['note', 'secret', 'note'],
        author: '../../etc/passwd',
        from: '2024-02-30',
        to: '31/12/2024',
        source: 'everything',
      },
      TYPES,
    );
    expect(state).toEqual({
      ...EMPTY_SEARCH,
      q: 'x'.repeat(500),
      tagIds: [A],
      types: ['note'],
    });
  });

  it('reads Next.js searchParams objects with single and repeated keys', () => {
    const state = parseSearchParams({ q: 'pricing', tag: A, type: undefined }, TYPES);
    expect(state.q).toBe('pricing');
    expect(state.tagIds).toEqual([A]);
    expect(state.types).toEqual([]);
  });
});

describe('toApiFilters', () => {
  it('maps single choices to the API lists and covers whole days', () => {
    const filters = toApiFilters({
      ...EMPTY_SEARCH,
      engagementId: A,
      authorId: B,
      from: '2024-05-03',
      to: '2024-05-03',
      source: 'news',
    });
    expect(filters).toEqual({
      source: 'news',
      engagementIds: [A],
      authorIds: [B],
      from: new Date('2024-05-03T00:00:00.000Z'),
      to: new Date('2024-05-03T23:59:59.999Z'),
    });
  });

  it('sends only the source when nothing narrows the search', () => {
    expect(toApiFilters(EMPTY_SEARCH)).toEqual({ source: 'knowledge' });
  });
});

describe('activeFilterCount and sourceHref', () => {
  it('counts each narrowing choice', () => {
    expect(activeFilterCount(EMPTY_SEARCH)).toBe(0);
    expect(activeFilterCount({ ...EMPTY_SEARCH, q: 'ignored', tagIds: [A, B], source: 'all' })).toBe(3);
  });

  it('links entries to the entry view and articles to the news page', () => {
    expect(sourceHref('entry', A)).toBe(`/knowledge/${A}`);
    expect(sourceHref('article', B)).toBe(`/news?article=${B}`);
  });
});

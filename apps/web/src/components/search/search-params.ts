/**
 * The Search page's state as it lives in the address bar (`/search?q=…&type=note&tag=…`), so a
 * search can be shared or bookmarked. Everything read from the URL is hostile until checked: unknown
 * values are dropped here instead of being sent to the API to be refused.
 */

export const SOURCES = ['knowledge', 'news', 'all'] as const;
export type SearchSource = (typeof SOURCES)[number];

export type SearchState = {
  q: string;
  engagementId: string | null;
  /** A category and everything below it. */
  categoryId: string | null;
  tagIds: string[];
  types: string[];
  authorId: string | null;
  /** Calendar days, `YYYY-MM-DD` (the native date input's format), inclusive. */
  from: string | null;
  to: string | null;
  source: SearchSource;
};

/** The API's filter input, built from the state (see `ZSearchFilters` in packages/api). */
export type ApiSearchFilters = {
  engagementIds?: string[];
  categoryId?: string;
  tagIds?: string[];
  types?: string[];
  authorIds?: string[];
  from?: Date;
  to?: Date;
  source: SearchSource;
};

export const EMPTY_SEARCH: SearchState = {
  q: '',
  engagementId: null,
  categoryId: null,
  tagIds: [],
  types: [],
  authorId: null,
  from: null,
  to: null,
  source: 'knowledge',
};

/** Same limits as the API, so a pasted URL never makes a request that is bound to be refused. */
export const MAX_QUERY_LENGTH = 500;
const MAX_IDS = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

type ParamsLike = URLSearchParams | Record<string, string | string[] | undefined>;

function all(params: ParamsLike, key: string): string[] {
  if (params instanceof URLSearchParams) return params.getAll(key);
  const value = params[key];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

const first = (params: ParamsLike, key: string) => all(params, key)[0] ?? null;
const uuidOrNull = (value: string | null) => (value && UUID.test(value) ? value.toLowerCase() : null);

/** A real calendar day (2024-02-30 is not), or null. */
function dayOrNull(value: string | null): string | null {
  if (!value || !DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

function uniqueIds(values: string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const id = uuidOrNull(value);
    if (id) out.add(id);
  }
  return [...out].slice(0, MAX_IDS);
}

/**
 * Reads the state from the query string. `knownTypes` are the entry types the API accepts; others
 * are dropped.
 */
export function parseSearchParams(params: ParamsLike, knownTypes: readonly string[]): SearchState {
  const source = first(params, 'source');
  return {
    q: (first(params, 'q') ?? '').slice(0, MAX_QUERY_LENGTH),
    engagementId: uuidOrNull(first(params, 'engagement')),
    categoryId: uuidOrNull(first(params, 'category')),
    tagIds: uniqueIds(all(params, 'tag')),
    types: [...new Set(all(params, 'type').filter((t) => knownTypes.includes(t)))],
    authorId: uuidOrNull(first(params, 'author')),
    from: dayOrNull(first(params, 'from')),
    to: dayOrNull(first(params, 'to')),
    source: SOURCES.find((s) => s === source) ?? 'knowledge',
  };
}

/** The query string for a state; defaults are left out so plain searches keep short URLs. */
export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim()) params.set('q', state.q);
  if (state.engagementId) params.set('engagement', state.engagementId);
  if (state.categoryId) params.set('category', state.categoryId);
  for (const id of state.tagIds) params.append('tag', id);
  for (const type of state.types) params.append('type', type);
  if (state.authorId) params.set('author', state.authorId);
  if (state.from) params.set('from', state.from);
  if (state.to) params.set('to', state.to);
  if (state.source !== 'knowledge') params.set('source', state.source);
  return params;
}

/**
 * The API filters for a state. Days are whole UTC days: `to` runs to the last millisecond of its
 * day, so "from 3 May to 3 May" finds what was written on 3 May.
 */
export function toApiFilters(state: SearchState): ApiSearchFilters {
  const filters: ApiSearchFilters = { source: state.source };
  if (state.engagementId) filters.engagementIds = [state.engagementId];
  if (state.categoryId) filters.categoryId = state.categoryId;
  if (state.tagIds.length) filters.tagIds = state.tagIds;
  if (state.types.length) filters.types = state.types;
  if (state.authorId) filters.authorIds = [state.authorId];
  if (state.from) filters.from = new Date(`${state.from}T00:00:00.000Z`);
  if (state.to) filters.to = new Date(`${state.to}T23:59:59.999Z`);
  return filters;
}

/** How many filters narrow the search (the source counts only when it is not the default). */
export function activeFilterCount(state: SearchState): number {
  return (
    (state.engagementId ? 1 : 0) +
    (state.categoryId ? 1 : 0) +
    state.tagIds.length +
    state.types.length +
    (state.authorId ? 1 : 0) +
    (state.from ? 1 : 0) +
    (state.to ? 1 : 0) +
    (state.source !== 'knowledge' ? 1 : 0)
  );
}

/**
 * Where a result or a citation opens: the entry view, or the News page for an article (there is no
 * article page; the id is passed along so the News page can pick it out).
 */
export function sourceHref(kind: 'entry' | 'article', id: string): string {
  return kind === 'entry' ? `/knowledge/${id}` : `/news?article=${encodeURIComponent(id)}`;
}

/**
 * The Knowledge table's filters and sort, kept in the address bar (`/knowledge?engagement=…&sort=title`)
 * so a filtered view can be linked to (the engagement page does) and survives a reload. Pure, so the
 * server page and the client table read the same state.
 */

import type { EntryType } from '@consailt/db';

// Spelled out rather than imported: the db package's runtime pulls database drivers into the browser
// bundle. `satisfies` plus the exhaustiveness check below keep them in step with the schema.
export const LIST_TYPES = [
  'note',
  'document',
  'meeting',
  'insight',
  'news',
  'decision',
  'lesson',
] as const satisfies readonly EntryType[];
export const LIST_SOURCES = ['manual', 'import', 'news', 'api'] as const;
export const LIST_SORTS = ['updated', 'created', 'title'] as const;

type Exhaustive<T extends never> = T;
export type ListTypesCoverSchema = Exhaustive<Exclude<EntryType, (typeof LIST_TYPES)[number]>>;

type EntrySource = (typeof LIST_SOURCES)[number];
type Sort = (typeof LIST_SORTS)[number];

export type ListState = {
  engagement: string | null;
  category: string | null;
  tag: string | null;
  type: EntryType | null;
  author: string | null;
  source: EntrySource | null;
  sort: Sort;
  order: 'asc' | 'desc' | null;
};

export const EMPTY_LIST_STATE: ListState = {
  engagement: null,
  category: null,
  tag: null,
  type: null,
  author: null,
  source: null,
  sort: 'updated',
  order: null,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type RawParams = Record<string, string | string[] | undefined> | URLSearchParams;

function first(params: RawParams, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[]): T | null {
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function uuid(value: string | undefined): string | null {
  return value !== undefined && UUID.test(value) ? value.toLowerCase() : null;
}

/**
 * Reads the list state from search params. Anything malformed (a hand-edited address) is dropped
 * rather than sent: the API would refuse the whole request for one bad id.
 */
export function parseListParams(params: RawParams): ListState {
  return {
    engagement: uuid(first(params, 'engagement')),
    category: uuid(first(params, 'category')),
    tag: uuid(first(params, 'tag')),
    type: oneOf(first(params, 'type'), LIST_TYPES),
    author: uuid(first(params, 'author')),
    source: oneOf(first(params, 'source'), LIST_SOURCES),
    sort: oneOf(first(params, 'sort'), LIST_SORTS) ?? 'updated',
    order: oneOf(first(params, 'order'), ['asc', 'desc'] as const),
  };
}

/** The query string for a state, defaults left out (`''` for the unfiltered list). */
export function listStateToSearch(state: ListState): string {
  const out = new URLSearchParams();
  for (const key of ['engagement', 'category', 'tag', 'type', 'author', 'source'] as const) {
    const value = state[key];
    if (value) out.set(key, value);
  }
  if (state.sort !== 'updated') out.set('sort', state.sort);
  if (state.order) out.set('order', state.order);
  const text = out.toString();
  return text ? `?${text}` : '';
}

/** The order actually applied: the API's default is newest first for dates and A→Z for titles. */
export function effectiveOrder(state: Pick<ListState, 'sort' | 'order'>): 'asc' | 'desc' {
  return state.order ?? (state.sort === 'title' ? 'asc' : 'desc');
}

/** `knowledge.list` input (without limit and cursor) for a state. */
export function listInput(state: ListState) {
  const filters = {
    ...(state.engagement ? { engagementIds: [state.engagement] } : {}),
    ...(state.category ? { categoryId: state.category } : {}),
    ...(state.tag ? { tagIds: [state.tag] } : {}),
    ...(state.type ? { types: [state.type] } : {}),
    ...(state.author ? { authorIds: [state.author] } : {}),
    ...(state.source ? { sources: [state.source] } : {}),
  };
  return {
    sort: state.sort,
    ...(state.order ? { order: state.order } : {}),
    ...(Object.keys(filters).length ? { filters } : {}),
  };
}

export function hasFilters(state: ListState): boolean {
  return Boolean(
    state.engagement || state.category || state.tag || state.type || state.author || state.source,
  );
}

import { type EntryType, type Executor, searchHistory, withOrgContext } from '@consailt/db';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { throwIfCancelled, ValidationError } from '../../errors';
import { actorUserId, type Deps, type OrgScope } from '../types';
import { ZSearchFilters } from './filters';
import { retrieve, SEARCH_MODES, type SearchMode, ZRetrievalTuning } from './retrieve';
import { type ChunkView, loadChunkViews, queryLexemes, type SnippetPart } from './snippets';
import { queryRows, uuidArray } from './sql-utils';

/** Results reachable by paging; deeper than this nobody reads, and it bounds the work per query. */
export const MAX_SEARCH_DEPTH = 200;

export const ZSearchInput = z.object({
  query: z.string().trim().min(1, 'Query is required').max(500, 'Query is at most 500 characters'),
  mode: z.enum(SEARCH_MODES).default('hybrid'),
  filters: ZSearchFilters.optional(),
  limit: z.number().int().min(1).max(100).default(10),
  /** Opaque cursor from the previous page (a ranked list pages by position). */
  cursor: z.string().max(20).nullish(),
  tuning: ZRetrievalTuning.optional(),
});
export type SearchInput = z.input<typeof ZSearchInput>;

export type SearchResultItem = {
  kind: 'entry' | 'article';
  id: string;
  rank: number;
  score: number;
  title: string;
  type: EntryType;
  engagementName: string | null;
  authorName: string | null;
  tags: string[];
  date: Date;
  chunk: { id: string; heading: string; headingPath: string[] };
  snippet: SnippetPart[];
  matchedBy: SearchMode[];
};

export type SearchResult = {
  searchId: string | null;
  mode: SearchMode;
  items: SearchResultItem[];
  /** Results ranked so far: at least the ones on this page plus one when there is a next page. */
  total: number;
  nextCursor: string | null;
  latencyMs: number;
  /** Set when a hybrid search fell back to keywords only, saying why (e.g. the AI budget is spent). */
  notice: string | null;
  /**
   * Whether this search continued the user's previous one as they typed (`continueTypedSearch`):
   * it is recorded as that same search, and the router does not charge it to the rate limit again.
   */
  continued: boolean;
};

function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const offset = Number(cursor);
  if (!Number.isInteger(offset) || offset < 0 || offset >= MAX_SEARCH_DEPTH)
    throw new ValidationError('Invalid cursor');
  return offset;
}

type Details = {
  title: string;
  type: EntryType;
  engagement: string | null;
  author: string | null;
  tags: string[];
  date: Date;
};

async function loadDetails(
  db: Parameters<typeof queryRows>[0],
  orgId: string,
  entryIds: string[],
  articleIds: string[],
) {
  const out = new Map<string, Details>();
  if (entryIds.length > 0) {
    const rows = await queryRows<{
      id: string;
      title: string;
      type: EntryType;
      engagement: string | null;
      author: string | null;
      tags: string[] | null;
      created_at: string | Date;
    }>(
      db,
      sql`select e.id, e.title, e.type, g.name as engagement, u.name as author, e.created_at,
            (select array_agg(t.name order by lower(t.name)) from entry_tags et join tags t on t.id = et.tag_id
              where et.entry_id = e.id) as tags
          from knowledge_entries e
          left join engagements g on g.id = e.engagement_id and g.org_id = e.org_id
          left join users u on u.id = e.author_id
          where e.org_id = ${orgId} and e.id = any(${uuidArray(entryIds)})`,
    );
    for (const r of rows) {
      out.set(r.id, {
        title: r.title,
        type: r.type,
        engagement: r.engagement,
        author: r.author,
        tags: r.tags ?? [],
        date: new Date(r.created_at),
      });
    }
  }
  if (articleIds.length > 0) {
    const rows = await queryRows<{
      id: string;
      title: string;
      author: string | null;
      published_at: string | Date;
    }>(
      db,
      sql`select a.id, a.title, a.author, a.published_at from news_articles a
          where a.org_id = ${orgId} and a.id = any(${uuidArray(articleIds)})`,
    );
    for (const r of rows) {
      out.set(r.id, {
        title: r.title,
        type: 'news',
        engagement: null,
        author: r.author,
        tags: [],
        date: new Date(r.published_at),
      });
    }
  }
  return out;
}

/**
 * Search the organization's knowledge (and news) as the actor: lexical (BM25), vector or hybrid,
 * grouped by entry with its best chunk and a highlighted snippet. The first page of every search
 * is recorded in `search_history` (query, filters, result count, latency).
 */
export async function searchKnowledge(
  deps: Deps,
  scope: OrgScope,
  raw: SearchInput,
  opts: { signal?: AbortSignal } = {},
): Promise<SearchResult> {
  const started = performance.now();
  const input = ZSearchInput.parse(raw);
  const offset = decodeCursor(input.cursor);
  const filters = ZSearchFilters.parse(input.filters ?? {});
  // One more than the page, to know whether there is a next one.
  const depth = Math.min(MAX_SEARCH_DEPTH, offset + input.limit + 1);
  const { hits, terms, lexical, vectorSkipped } = await retrieve(deps, scope, input.query, filters, {
    mode: input.mode,
    depth,
    by: 'entry',
    perEntry: 1,
    tuning: input.tuning,
    signal: opts.signal,
  });
  return withOrgContext(deps.db, scope.orgId, async (tx) => {
    throwIfCancelled(opts.signal);
    const page = hits.slice(offset, offset + input.limit);
    const lexemes = lexical ? terms.map((t) => t.lexeme) : await queryLexemes(tx, input.query);
    const [views, details] = await Promise.all([
      loadChunkViews(
        tx,
        scope.orgId,
        page.map((h) => h.chunkId),
        lexemes,
      ),
      loadDetails(
        tx,
        scope.orgId,
        page.flatMap((h) => (h.entryId ? [h.entryId] : [])),
        page.flatMap((h) => (h.articleId ? [h.articleId] : [])),
      ),
    ]);
    const items: SearchResultItem[] = [];
    page.forEach((h, i) => {
      const id = h.entryId ?? h.articleId;
      const d = id ? details.get(id) : undefined;
      const view: ChunkView | undefined = views.get(h.chunkId);
      if (!id || !d || !view) return;
      items.push({
        kind: h.entryId ? 'entry' : 'article',
        id,
        rank: offset + i + 1,
        score: h.score,
        title: d.title,
        type: d.type,
        engagementName: d.engagement,
        authorName: d.author,
        tags: d.tags,
        date: d.date,
        chunk: { id: view.id, heading: view.heading, headingPath: view.headingPath },
        snippet: view.snippet,
        matchedBy: [
          ...(h.lexicalRank !== null ? (['lexical'] as const) : []),
          ...(h.vectorRank !== null ? (['vector'] as const) : []),
        ],
      });
    });
    const latencyMs = Math.round(performance.now() - started);
    let searchId: string | null = null;
    let continued = false;
    if (offset === 0) {
      // History is analytics: its commit need not wait for the WAL flush (a crash may lose the
      // last few rows, never corrupt anything), which keeps an fsync off every search's latency.
      await tx.execute(sql`select set_config('synchronous_commit', 'off', true)`);
      const record = {
        orgId: scope.orgId,
        userId: actorUserId(scope.actor),
        query: input.query,
        filters: { mode: input.mode, ...input.filters },
        resultCount: hits.length,
        latencyMs,
      };
      const replaced = await continueTypedSearch(tx, record);
      continued = replaced !== undefined;
      const [row] =
        replaced ?? (await tx.insert(searchHistory).values(record).returning({ id: searchHistory.id }));
      searchId = row?.id ?? null;
    }
    const next = offset + input.limit;
    return {
      searchId,
      mode: input.mode,
      items,
      total: hits.length,
      nextCursor: next < Math.min(hits.length, MAX_SEARCH_DEPTH) ? String(next) : null,
      latencyMs,
      notice: vectorSkipped
        ? `Showing keyword matches only: semantic search is unavailable (${vectorSkipped})`
        : null,
      continued,
    };
  });
}

/** How long after a user's last search a query that extends it still counts as the same search. */
const TYPING_WINDOW_SECONDS = 5;

/**
 * Results as you type send a search every few keystrokes; history should hold what the user searched
 * for, not every prefix on the way. A query that extends or trims the same user's previous search
 * (made within a few seconds, with no result clicked yet) replaces it in that row, and the row's id
 * is returned, so a click on these results is recorded against the search as finally typed.
 * API-key searches have no user and are always recorded as sent. Undefined when nothing was replaced.
 */
async function continueTypedSearch(
  tx: Executor,
  record: {
    orgId: string;
    userId: string | null;
    query: string;
    filters: Record<string, unknown>;
    resultCount: number;
    latencyMs: number;
  },
): Promise<{ id: string }[] | undefined> {
  if (!record.userId) return undefined;
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update search_history h
        set query = ${record.query}, filters = ${JSON.stringify(record.filters)}::jsonb,
          result_count = ${record.resultCount}::int, latency_ms = ${record.latencyMs}::int, created_at = now()
        where h.id = (
          select p.id from search_history p
          where p.org_id = ${record.orgId} and p.user_id = ${record.userId}
            and p.created_at > now() - make_interval(secs => ${TYPING_WINDOW_SECONDS})
          order by p.created_at desc limit 1
        )
          and h.clicked_at is null
          and (starts_with(${record.query}, h.query) or starts_with(h.query, ${record.query}))
        returning h.id`,
  );
  return rows.length > 0 ? rows : undefined;
}

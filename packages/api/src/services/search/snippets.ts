import type { Executor } from '@consailt/db';
import { sql } from 'drizzle-orm';
import { anyLexemeQuery, queryRows, uuidArray } from './sql-utils';

export type SnippetPart = { text: string; highlight: boolean };
export type ChunkView = {
  id: string;
  heading: string;
  headingPath: string[];
  text: string;
  snippet: SnippetPart[];
};

// Control characters never occur in indexed text, so they delimit highlights unambiguously.
const START = '\u0002';
const STOP = '\u0003';

/** Splits ts_headline output into plain and highlighted runs (rendered safely by the client). */
export function parseHighlights(marked: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = marked;
  while (rest.length > 0) {
    const start = rest.indexOf(START);
    if (start === -1) {
      parts.push({ text: rest, highlight: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), highlight: false });
    const stop = rest.indexOf(STOP, start + 1);
    const end = stop === -1 ? rest.length : stop;
    parts.push({ text: rest.slice(start + 1, end), highlight: true });
    rest = stop === -1 ? '' : rest.slice(stop + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

/** The query's lexemes (for highlighting when no lexical ranking ran). */
export async function queryLexemes(db: Executor, query: string): Promise<string[]> {
  const rows = await queryRows<{ lexeme: string }>(
    db,
    sql`select lexeme from unnest(to_tsvector('english', ${query}))`,
  );
  return rows.map((r) => r.lexeme);
}

/** Chunks with a highlighted snippet: the best fragments of the text around the query's words. */
export async function loadChunkViews(
  db: Executor,
  orgId: string,
  chunkIds: string[],
  lexemes: string[],
): Promise<Map<string, ChunkView>> {
  if (chunkIds.length === 0) return new Map();
  const headline =
    lexemes.length > 0
      ? sql`ts_headline('english', c.text, ${anyLexemeQuery(lexemes)}, ${`StartSel=${START}, StopSel=${STOP}, MaxWords=45, MinWords=20, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`})`
      : sql`left(c.text, 300)`;
  const rows = await queryRows<{
    id: string;
    heading: string;
    heading_path: string[];
    text: string;
    marked: string;
  }>(
    db,
    sql`select c.id, c.heading, c.heading_path, c.text, ${headline} as marked
        from chunks c where c.org_id = ${orgId} and c.id = any(${uuidArray(chunkIds)})`,
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        heading: r.heading,
        headingPath: r.heading_path,
        text: r.text,
        snippet: parseHighlights(r.marked),
      },
    ]),
  );
}

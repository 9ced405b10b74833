import { type Executor, engagements, knowledgeEntries } from '@consailt/db';
import { and, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { NotFoundError, ValidationError } from '../../errors';
import { oneParagraph } from '../ask';
import { visibleEntry } from '../knowledge';
import type { OrgScope } from '../types';

/** Entries an analysis of a whole engagement reads (the most recently updated ones). */
export const MAX_ENGAGEMENT_ENTRIES = 40;
/** Entries a hand-picked selection may hold. */
export const MAX_SELECTED_ENTRIES = 25;
/**
 * Characters of source text offered to the model (~10k tokens at 4 characters per token): enough
 * for an engagement's working notes, small enough for every routed model's context and for a
 * predictable budget reservation. It is shared evenly, so one long document cannot crowd out the rest.
 */
export const SOURCE_CHAR_BUDGET = 40_000;
const MIN_CHARS_PER_SOURCE = 600;
const SNIPPET_CHARS = 240;

/** An entry offered to the model as source [n]. */
export type InsightSource = {
  n: number;
  entryId: string;
  title: string;
  snippet: string;
  text: string;
  private: boolean;
};

export type InsightSubject = {
  engagement: { id: string; name: string; clientName: string } | null;
  sources: InsightSource[];
};

/** Cut at a word boundary and mark the cut, so the model knows the source goes on. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.8 ? cut.slice(0, space) : cut} …`;
}

/**
 * What an analysis reads, as the actor: the selected entries, or else the engagement's live
 * entries (earlier insights excluded, so analyses do not feed on themselves). Entries the actor
 * may not see are "not found" — same answer as another organization's ids.
 */
export async function loadInsightSubject(
  tx: Executor,
  scope: OrgScope,
  input: { engagementId?: string | null; entryIds?: string[] | null },
): Promise<InsightSubject> {
  let engagement: InsightSubject['engagement'] = null;
  if (input.engagementId) {
    const [row] = await tx
      .select({ id: engagements.id, name: engagements.name, clientName: engagements.clientName })
      .from(engagements)
      .where(
        and(
          eq(engagements.id, input.engagementId),
          eq(engagements.orgId, scope.orgId),
          isNull(engagements.deletedAt),
        ),
      );
    if (!row) throw new NotFoundError('Engagement', input.engagementId);
    engagement = row;
  }
  const columns = {
    id: knowledgeEntries.id,
    title: knowledgeEntries.title,
    body: knowledgeEntries.body,
    visibility: knowledgeEntries.visibility,
  };
  const live = and(visibleEntry(scope), isNull(knowledgeEntries.deletedAt));
  let rows: { id: string; title: string; body: string; visibility: string }[];
  if (input.entryIds?.length) {
    const ids = [...new Set(input.entryIds)];
    const found = await tx
      .select(columns)
      .from(knowledgeEntries)
      .where(and(live, inArray(knowledgeEntries.id, ids)));
    const missing = ids.find((id) => !found.some((r) => r.id === id));
    if (missing) throw new NotFoundError('Entry', missing);
    // Keep the order the user picked them in: it is the order of the numbered sources.
    rows = ids.flatMap((id) => found.filter((r) => r.id === id));
  } else if (engagement) {
    rows = await tx
      .select(columns)
      .from(knowledgeEntries)
      .where(
        and(live, eq(knowledgeEntries.engagementId, engagement.id), ne(knowledgeEntries.type, 'insight')),
      )
      .orderBy(desc(knowledgeEntries.updatedAt), desc(knowledgeEntries.id))
      .limit(MAX_ENGAGEMENT_ENTRIES);
  } else {
    throw new ValidationError('Choose an engagement or at least one entry to analyse');
  }
  if (rows.length === 0)
    throw new ValidationError('This engagement has no entries to analyse yet: add notes or documents first');

  const perSource = Math.max(MIN_CHARS_PER_SOURCE, Math.floor(SOURCE_CHAR_BUDGET / rows.length));
  const sources = rows.map((r, i) => {
    const text = oneParagraph(r.body) || r.title;
    return {
      n: i + 1,
      entryId: r.id,
      title: r.title,
      snippet: clip(text, SNIPPET_CHARS),
      text: clip(text, perSource),
      private: r.visibility === 'private',
    };
  });
  return { engagement, sources };
}

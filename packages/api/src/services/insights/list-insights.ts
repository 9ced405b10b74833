import { engagements, knowledgeEntries } from '@consailt/db';
import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { NotFoundError } from '../../errors';
import { loadEntry, visibleEntry } from '../knowledge';
import type { Deps, OrgScope } from '../types';
import { INSIGHT_KINDS, type InsightKind } from './kinds';
import type { InsightCitation } from './run-insight';

export const ZListInsightsInput = z
  .object({
    engagementId: z.uuid().nullish(),
    kind: z.enum(INSIGHT_KINDS).nullish(),
    limit: z.number().int().min(1).max(100).default(20),
    /** The id of the last insight of the previous page. */
    cursor: z.uuid('Invalid cursor').nullish(),
  })
  .default({ limit: 20 });

export type InsightListItem = {
  id: string;
  title: string;
  kind: InsightKind | null;
  engagement: { id: string; name: string } | null;
  modelId: string | null;
  costMicroUsd: number | null;
  citationCount: number;
  visibility: 'organization' | 'private';
  createdAt: Date;
};

const ZStoredMetadata = z.object({
  kind: z.enum(INSIGHT_KINDS).optional().catch(undefined),
  modelId: z.string().nullable().optional().catch(undefined),
  costMicroUsd: z.number().optional().catch(undefined),
  latencyMs: z.number().optional().catch(undefined),
  citations: z
    .array(z.object({ n: z.number(), entryId: z.string(), title: z.string(), snippet: z.string() }))
    .optional()
    .catch(undefined),
});

/** Metadata written by `runInsight`; anything else (an insight typed by hand) reads as unknown. */
function readMetadata(metadata: Record<string, unknown>): z.output<typeof ZStoredMetadata> {
  const parsed = ZStoredMetadata.safeParse(metadata.insight);
  return parsed.success ? parsed.data : {};
}

const SOURCES_HEADING = '\n\n## Sources\n\n';
const SOURCE_LINE = /^\d+\. \[[^\]]*\]\(\/knowledge\/[0-9a-f-]{36}\)$/;

/** The analysis without the sources list `runInsight` appends (the view shows citations itself). */
export function insightContent(body: string): string {
  const at = body.lastIndexOf(SOURCES_HEADING);
  if (at < 0) return body;
  const lines = body.slice(at + SOURCES_HEADING.length).split('\n');
  return lines.every((l) => SOURCE_LINE.test(l)) ? body.slice(0, at) : body;
}

/**
 * The insight history: live `insight` entries the actor may see, newest first, optionally of one
 * engagement or kind. Includes insights written by hand (type insight without run metadata).
 */
export async function listInsights(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: z.output<typeof ZListInsightsInput>,
): Promise<{ items: InsightListItem[]; nextCursor: string | null }> {
  const conditions: SQL[] = [
    visibleEntry(scope),
    isNull(knowledgeEntries.deletedAt),
    eq(knowledgeEntries.type, 'insight'),
  ];
  if (input.engagementId) conditions.push(eq(knowledgeEntries.engagementId, input.engagementId));
  if (input.kind) conditions.push(sql`${knowledgeEntries.metadata} #>> '{insight,kind}' = ${input.kind}`);
  if (input.cursor) {
    // Keyset on (created_at, id), read from the row itself so no timestamp loses precision in a cursor.
    conditions.push(
      sql`(${knowledgeEntries.createdAt}, ${knowledgeEntries.id}) < (select c.created_at, c.id from knowledge_entries c where c.id = ${input.cursor} and c.org_id = ${scope.orgId})`,
    );
  }
  const rows = await deps.db
    .select({
      id: knowledgeEntries.id,
      title: knowledgeEntries.title,
      metadata: knowledgeEntries.metadata,
      visibility: knowledgeEntries.visibility,
      createdAt: knowledgeEntries.createdAt,
      engagementId: engagements.id,
      engagementName: engagements.name,
    })
    .from(knowledgeEntries)
    .leftJoin(
      engagements,
      and(eq(engagements.id, knowledgeEntries.engagementId), eq(engagements.orgId, scope.orgId)),
    )
    .where(and(...conditions))
    .orderBy(desc(knowledgeEntries.createdAt), desc(knowledgeEntries.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map((r) => {
    const meta = readMetadata(r.metadata);
    return {
      id: r.id,
      title: r.title,
      kind: meta.kind ?? null,
      engagement: r.engagementId ? { id: r.engagementId, name: r.engagementName ?? '' } : null,
      modelId: meta.modelId ?? null,
      costMicroUsd: meta.costMicroUsd ?? null,
      citationCount: meta.citations?.length ?? 0,
      visibility: r.visibility,
      createdAt: r.createdAt,
    };
  });
  return { items, nextCursor: rows.length > input.limit ? (items.at(-1)?.id ?? null) : null };
}

export type InsightView = InsightListItem & {
  /** The analysis text with its `[n]` markers (the appended sources list removed). */
  content: string;
  latencyMs: number | null;
  citations: InsightCitation[];
};

/** One insight with its text and citations; anything but a visible, live insight is "not found". */
export async function getInsight(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string): Promise<InsightView> {
  const entry = await loadEntry(deps.db, scope, id);
  if (entry.type !== 'insight') throw new NotFoundError('Insight', id);
  const meta = readMetadata(entry.metadata);
  const [engagement] = entry.engagementId
    ? await deps.db
        .select({ id: engagements.id, name: engagements.name })
        .from(engagements)
        .where(and(eq(engagements.id, entry.engagementId), eq(engagements.orgId, scope.orgId)))
    : [];
  return {
    id: entry.id,
    title: entry.title,
    kind: meta.kind ?? null,
    engagement: engagement ?? null,
    modelId: meta.modelId ?? null,
    costMicroUsd: meta.costMicroUsd ?? null,
    citationCount: meta.citations?.length ?? 0,
    visibility: entry.visibility,
    createdAt: entry.createdAt,
    content: insightContent(entry.body),
    latencyMs: meta.latencyMs ?? null,
    citations: meta.citations ?? [],
  };
}

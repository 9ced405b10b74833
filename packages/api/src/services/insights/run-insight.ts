import type { RunResult } from '@consailt/ai';
import { knowledgeLinks, withOrgContext } from '@consailt/db';
import { z } from 'zod';
import { MissingScopeError } from '../../errors';
import { createDeferredQueue } from '../../queue/deferred';
import { citedInOrder } from '../ask';
import { createEntry } from '../knowledge';
import { actorUserId, type Deps, type OrgScope } from '../types';
import { INSIGHT_KIND_SPECS, INSIGHT_KINDS, type InsightKind } from './kinds';
import { buildInsightPrompt } from './prompt';
import { type InsightSource, type InsightSubject, loadInsightSubject, MAX_SELECTED_ENTRIES } from './sources';

export const ZRunInsightInput = z
  .object({
    kind: z.enum(INSIGHT_KINDS),
    /** Analyse this engagement's entries, and file the insight under it. */
    engagementId: z.uuid().nullish(),
    /** Analyse exactly these entries instead (the engagement, if given, is still where it is filed). */
    entryIds: z
      .array(z.uuid())
      .min(1, 'Pick at least one entry')
      .max(MAX_SELECTED_ENTRIES, `Pick at most ${MAX_SELECTED_ENTRIES} entries`)
      .nullish(),
    /** Optional steer ("the data migration", "Q3 deadlines"). */
    focus: z.string().trim().max(500, 'Focus is at most 500 characters').nullish(),
  })
  .refine((v) => Boolean(v.engagementId) || Boolean(v.entryIds?.length), {
    message: 'Choose an engagement or at least one entry to analyse',
  });
export type RunInsightInput = z.input<typeof ZRunInsightInput>;

/** A numbered source the insight cites: an entry of the knowledge base. */
export type InsightCitation = { n: number; entryId: string; title: string; snippet: string };

export type InsightSummary = {
  /** The saved insight entry; null when the analysis was cut off (nothing is saved then). */
  entryId: string | null;
  title: string;
  kind: InsightKind;
  content: string;
  citations: InsightCitation[];
  status: 'complete' | 'incomplete';
  modelId: string | null;
  costMicroUsd: number;
  latencyMs: number;
};

/** What an insight stream yields, in this order: start, sources, text deltas, done. */
export type InsightEvent =
  | {
      type: 'start';
      kind: InsightKind;
      label: string;
      engagement: { id: string; name: string } | null;
    }
  | { type: 'sources'; sources: InsightCitation[] }
  | { type: 'text'; text: string }
  | { type: 'done'; insight: InsightSummary };

/** What the saved insight records besides its text (`knowledge_entries.metadata.insight`). */
export type InsightMetadata = {
  kind: InsightKind;
  task: string;
  modelId: string | null;
  costMicroUsd: number;
  latencyMs: number;
  citations: InsightCitation[];
  sourceEntryIds: string[];
};

const toCitation = ({ n, entryId, title, snippet }: InsightSource): InsightCitation => ({
  n,
  entryId,
  title,
  snippet,
});

function insightTitle(kind: InsightKind, subject: InsightSubject): string {
  const label = INSIGHT_KIND_SPECS[kind].label;
  const first = subject.sources[0];
  const about = subject.engagement
    ? subject.engagement.name
    : subject.sources.length === 1 && first
      ? first.title
      : `${subject.sources.length} entries`;
  return `${label}: ${about}`.slice(0, 300);
}

/** Markdown link text cannot hold unbalanced brackets. */
const linkText = (title: string) => title.replace(/[[\]]/g, '');

/**
 * Run an analysis and stream it. The subject (engagement, entries) is checked before the stream
 * starts, so an unknown or foreign id surfaces as an ordinary NOT_FOUND. The model call goes
 * through the AI service like every other (task routing, budget reservation, metering); a
 * completed analysis is saved as an `insight` entry filed under the engagement, linked to the
 * entries it cites (so running one also needs `knowledge:write`). It is private when any source is private, so a private note never reaches the
 * organization through an insight.
 */
export async function runInsight(
  deps: Deps,
  scope: OrgScope,
  raw: RunInsightInput,
): Promise<AsyncGenerator<InsightEvent>> {
  const started = performance.now();
  const input = ZRunInsightInput.parse(raw);
  // The result is saved as an entry: an API key allowed to use AI but not to write knowledge may not.
  if (scope.actor.kind !== 'system' && !scope.actor.scopes.includes('knowledge:write'))
    throw new MissingScopeError('knowledge:write');
  const subject = await withOrgContext(deps.db, scope.orgId, (tx) => loadInsightSubject(tx, scope, input));
  return streamInsight(deps, scope, { kind: input.kind, focus: input.focus ?? null, subject, started });
}

async function* streamInsight(
  deps: Deps,
  scope: OrgScope,
  run: { kind: InsightKind; focus: string | null; subject: InsightSubject; started: number },
): AsyncGenerator<InsightEvent> {
  const spec = INSIGHT_KIND_SPECS[run.kind];
  const { engagement, sources } = run.subject;
  yield {
    type: 'start',
    kind: run.kind,
    label: spec.label,
    engagement: engagement ? { id: engagement.id, name: engagement.name } : null,
  };
  yield { type: 'sources', sources: sources.map(toCitation) };

  const prompt = buildInsightPrompt({ kind: run.kind, subject: run.subject, focus: run.focus });
  let text = '';
  let result: RunResult | null = null;
  for await (const event of deps.ai.stream({
    task: spec.task,
    orgId: scope.orgId,
    userId: actorUserId(scope.actor),
    apiKeyId: scope.actor.kind === 'apiKey' ? scope.actor.apiKeyId : null,
    system: prompt.system,
    messages: prompt.messages,
    maxTokens: spec.maxTokens,
  })) {
    if (event.type === 'text') {
      text += event.text;
      yield { type: 'text', text: event.text };
    } else {
      result = event.result;
    }
  }

  const citations = citedInOrder(text, sources).map(toCitation);
  const title = insightTitle(run.kind, run.subject);
  const summary: InsightSummary = {
    entryId: null,
    title,
    kind: run.kind,
    content: text,
    citations,
    status: result && !result.incomplete ? 'complete' : 'incomplete',
    modelId: result?.modelId ?? null,
    costMicroUsd: result?.costMicroUsd ?? 0,
    latencyMs: Math.round(performance.now() - run.started),
  };
  // A cut-off analysis is not worth filing; its cost is metered all the same.
  if (summary.status === 'complete') summary.entryId = await saveInsight(deps, scope, run, summary);
  yield { type: 'done', insight: summary };
}

async function saveInsight(
  deps: Deps,
  scope: OrgScope,
  run: { kind: InsightKind; subject: InsightSubject },
  summary: InsightSummary,
): Promise<string> {
  const { engagement, sources } = run.subject;
  const sourceList = summary.citations.map((c) => `${c.n}. [${linkText(c.title)}](/knowledge/${c.entryId})`);
  const body = [summary.content.trim(), sourceList.length ? `## Sources\n\n${sourceList.join('\n')}` : null]
    .filter(Boolean)
    .join('\n\n');
  const metadata: InsightMetadata = {
    kind: run.kind,
    task: INSIGHT_KIND_SPECS[run.kind].task,
    modelId: summary.modelId,
    costMicroUsd: summary.costMicroUsd,
    latencyMs: summary.latencyMs,
    citations: summary.citations,
    sourceEntryIds: sources.map((s) => s.entryId),
  };
  // Indexing jobs queued by createEntry must not run before the entry commits.
  const deferred = createDeferredQueue(deps.queue);
  const entryId = await withOrgContext(deps.db, scope.orgId, async (tx) => {
    const entry = await createEntry(
      { ...deps, db: tx, queue: deferred.backend },
      scope,
      {
        title: summary.title,
        body: body.slice(0, 500_000),
        type: 'insight',
        visibility: sources.some((s) => s.private) ? 'private' : 'organization',
        engagementId: engagement?.id ?? null,
      },
      { metadata: { insight: metadata } },
    );
    const cited = [...new Set(summary.citations.map((c) => c.entryId))];
    if (cited.length > 0)
      await tx.insert(knowledgeLinks).values(
        cited.map((toEntryId) => ({
          orgId: scope.orgId,
          fromEntryId: entry.id,
          toEntryId,
          kind: 'cites',
          createdBy: actorUserId(scope.actor),
        })),
      );
    return entry.id;
  });
  await deferred.flush();
  return entryId;
}

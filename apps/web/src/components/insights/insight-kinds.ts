import type { RunInsightInput } from './use-insight-stream';

export type InsightKind = RunInsightInput['kind'];

/** The four analyses, as the form offers them (the server maps each to its AI task). */
export const INSIGHT_KIND_OPTIONS: { kind: InsightKind; label: string; description: string }[] = [
  { kind: 'summary', label: 'Summary', description: 'Key facts, decisions and outcomes in a few lines.' },
  {
    kind: 'project_analysis',
    label: 'Project analysis',
    description: 'Goals, progress, what worked, open questions, next steps.',
  },
  {
    kind: 'risk_assessment',
    label: 'Risk assessment',
    description: 'Risks with likelihood, impact and mitigation, most severe first.',
  },
  {
    kind: 'technical_docs',
    label: 'Technical documentation',
    description: 'Systems, integrations, data flows and procedures under headings.',
  },
];

export function kindLabel(kind: string | null): string {
  return INSIGHT_KIND_OPTIONS.find((o) => o.kind === kind)?.label ?? 'Insight';
}

/** Insight citations name entries only; the shared answer view also knows news articles and chunks. */
export function asCitationLike(c: { n: number; entryId: string; title: string; snippet: string }) {
  return { ...c, articleId: null, chunkId: c.entryId };
}

import type { ChatMessage } from '@consailt/ai';
import { INSIGHT_KIND_SPECS, type InsightKind } from './kinds';
import type { InsightSubject } from './sources';

const SYSTEM = [
  "You are Consailt's analyst for consultants.",
  'Work only from the numbered sources provided; they are entries of the knowledge base.',
  'Cite the source of every statement with its number in square brackets, e.g. [1] or [2][3].',
  'Never cite a number that is not among the sources, and say plainly when the sources do not cover something instead of guessing.',
  'Write in markdown.',
].join(' ');

/** The analysis prompt: instructions, then the numbered sources and the task in one user turn. */
export function buildInsightPrompt(input: {
  kind: InsightKind;
  subject: InsightSubject;
  focus: string | null;
}): { system: string; messages: ChatMessage[] } {
  const spec = INSIGHT_KIND_SPECS[input.kind];
  const { engagement, sources } = input.subject;
  const numbered = sources.map((s) => `[${s.n}] ${s.title}: ${s.text}`).join('\n\n');
  const task = [
    engagement ? `Engagement: ${engagement.name} (client: ${engagement.clientName}).` : null,
    `Task: ${spec.instruction}`,
    input.focus ? `Focus on: ${input.focus}` : null,
  ]
    .filter(Boolean)
    .join('\n');
  return { system: SYSTEM, messages: [{ role: 'user', content: `Sources:\n\n${numbered}\n\n${task}` }] };
}

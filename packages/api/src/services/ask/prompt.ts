import type { ChatMessage } from '@consailt/ai';
import type { Citation } from '@consailt/db';

/** A retrieved passage offered to the model as source [n]. */
export type AskSource = Citation & { heading: string; text: string };

export const NO_ANSWER_TEXT =
  "I couldn't find anything about this in your organization's knowledge base, so I won't guess. " +
  'Try different words, widen the filters, or add what you know as a new entry.';

const SYSTEM = [
  "You are Consailt's research assistant for consultants.",
  'Answer the question using only the numbered sources provided with it.',
  'Cite the source of every claim with its number in square brackets, e.g. [1] or [2][3].',
  'If the sources do not contain the answer, say that you could not find it in the knowledge base instead of guessing.',
  'Never cite a number that is not among the sources. Be concise.',
].join(' ');

/** Source text on one paragraph: a blank line would end the source for line-oriented readers. */
export const oneParagraph = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

/**
 * The answer prompt: instructions (plus the rolling summary of older turns), the recent turns
 * verbatim, then the question with its numbered sources.
 */
export function buildAnswerPrompt(input: {
  question: string;
  sources: AskSource[];
  summary: string | null;
  history: ChatMessage[];
}): { system: string; messages: ChatMessage[] } {
  const system = input.summary
    ? `${SYSTEM}\n\nEarlier in this conversation (summary): ${input.summary}`
    : SYSTEM;
  const sources = input.sources
    .map((s) => `[${s.n}] ${oneParagraph(s.heading || s.title)}: ${oneParagraph(s.text)}`)
    .join('\n\n');
  const turns: ChatMessage[] = [
    ...input.history,
    { role: 'user', content: `Sources:\n\n${sources}\n\nQuestion: ${input.question}` },
  ];
  return { system, messages: alternate(turns) };
}

/** Chat APIs want user/assistant turns alternating and starting with the user: merge and trim. */
function alternate(turns: ChatMessage[]): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const t of turns) {
    const last = out.at(-1);
    if (!last && t.role === 'assistant') continue;
    if (last && last.role === t.role) last.content = `${last.content}\n\n${t.content}`;
    else out.push({ ...t });
  }
  return out;
}

/**
 * The sources a text cites with `[n]`, in order of first citation, each once; numbers that are not
 * among `sources` are ignored. Shared by answers and insights, whose sources differ in shape.
 */
export function citedInOrder<S extends { n: number }>(text: string, sources: readonly S[]): S[] {
  const byNumber = new Map(sources.map((s) => [s.n, s]));
  const seen = new Set<number>();
  const out: S[] = [];
  for (const m of text.matchAll(/\[(\d{1,3})\]/g)) {
    const n = Number(m[1]);
    const s = byNumber.get(n);
    if (!s || seen.has(n)) continue;
    seen.add(n);
    out.push(s);
  }
  return out;
}

/** The sources the answer actually cites, in order of first citation; unknown numbers are ignored. */
export function citedSources(answer: string, sources: AskSource[]): Citation[] {
  return citedInOrder(answer, sources).map((s) => ({
    n: s.n,
    entryId: s.entryId,
    articleId: s.articleId,
    chunkId: s.chunkId,
    title: s.title,
    snippet: s.snippet,
  }));
}

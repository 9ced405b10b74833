/**
 * Answer text → runs of plain text and citation markers. The server recognises citations with the
 * same pattern (`citedSources` in packages/api: `[n]`, one to three digits), so what is rendered
 * as a link is exactly what was recorded as a citation. The text is never parsed as HTML.
 */

export type AnswerSegment = { kind: 'text'; text: string } | { kind: 'cite'; n: number; raw: string };

const CITATION = /\[(\d{1,3})\]/g;

/**
 * Splits an answer into text and `[n]` markers. `known` is the set of source numbers that exist for
 * this answer: a number the model invented stays plain text instead of becoming a dead link.
 */
export function splitCitations(text: string, known: ReadonlySet<number>): AnswerSegment[] {
  const out: AnswerSegment[] = [];
  let last = 0;
  const pushText = (value: string) => {
    if (!value) return;
    const prev = out.at(-1);
    if (prev?.kind === 'text') prev.text += value;
    else out.push({ kind: 'text', text: value });
  };
  for (const match of text.matchAll(CITATION)) {
    const n = Number(match[1]);
    const start = match.index;
    pushText(text.slice(last, start));
    if (known.has(n)) out.push({ kind: 'cite', n, raw: match[0] });
    else pushText(match[0]);
    last = start + match[0].length;
  }
  pushText(text.slice(last));
  return out;
}

/** Source numbers in order of first citation, each once. */
export function citedNumbers(text: string): number[] {
  const seen = new Set<number>();
  for (const match of text.matchAll(CITATION)) seen.add(Number(match[1]));
  return [...seen];
}

/** "850 ms", "1.4 s", "2 min 5 s": an answer's latency at a glance. */
export function formatLatency(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

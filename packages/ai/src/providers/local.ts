import { sleep } from '../concurrency';
import { ProviderError } from '../errors';
import { estimatePromptTokens, estimateTokens } from '../tokens';
import type {
  AiProvider,
  ChatRequest,
  ChatResponse,
  EmbedRequest,
  EmbedResponse,
  ProviderStreamEvent,
} from '../types';
import { localEmbed } from './local-embed';

export const LOCAL_OFFLINE_NOTICE = 'Offline answer from the local model (no AI service was called).';

export type LocalProviderOptions = {
  /** Delay between streamed chunks (demo realism); 0 by default. */
  chunkDelayMs?: number;
};

type Source = { n: number; text: string };

const SOURCE_LINE = /^\s*(?:\[(\d{1,3})\]|source\s+(\d{1,3})\s*[:.)-])\s*(.*)$/i;
const STOP = new Set(
  'a an and are as at be but by for from has have how i in is it its of on or that the this to was what when where which who why will with you your does do can about into than then there their'.split(
    ' ',
  ),
);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 2 && !STOP.has(w));
}

/** Numbered sources (`[1] …` or `Source 1: …`) in the prompt, and the text that is not a source. */
function parseSources(text: string): { sources: Source[]; rest: string } {
  const sources: Source[] = [];
  const rest: string[] = [];
  let current: Source | null = null;
  for (const line of text.split('\n')) {
    const m = SOURCE_LINE.exec(line);
    if (m) {
      current = { n: Number(m[1] ?? m[2]), text: m[3] ?? '' };
      sources.push(current);
    } else if (current && line.trim() !== '') {
      current.text += `\n${line}`;
    } else {
      current = null;
      rest.push(line);
    }
  }
  return { sources, rest: rest.join('\n').trim() };
}

function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"'([])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Extractive "generation" for the embedded mode: it quotes the sentences of the numbered sources
 * that best match the question and cites them; without sources it quotes the most central
 * sentences of the text it was given. It always says that it is the offline model.
 */
export function composeLocalAnswer(req: Pick<ChatRequest, 'system' | 'messages'>): string {
  const lastUser = [...req.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const all = [req.system ?? '', ...req.messages.map((m) => m.content)].join('\n');
  const { sources } = parseSources(all);
  const { rest: question } = parseSources(lastUser);
  const qWords = new Set(words(question));

  type Scored = { sentence: string; n: number | null; score: number; order: number };
  const pool: Scored[] = [];
  if (sources.length > 0) {
    let order = 0;
    for (const src of sources) {
      for (const s of sentences(src.text)) {
        const ws = words(s);
        let hits = 0;
        for (const w of ws) if (qWords.has(w)) hits++;
        pool.push({ sentence: s, n: src.n, score: hits / Math.sqrt(ws.length + 1), order: order++ });
      }
    }
  } else {
    // No sources: rank the user's own text by how many of its frequent words a sentence holds.
    const freq = new Map<string, number>();
    for (const w of words(lastUser)) freq.set(w, (freq.get(w) ?? 0) + 1);
    sentences(lastUser).forEach((s, order) => {
      const ws = words(s);
      let sum = 0;
      for (const w of ws) sum += freq.get(w) ?? 0;
      pool.push({ sentence: s, n: null, score: sum / Math.sqrt(ws.length + 1), order });
    });
  }

  if (pool.length === 0) {
    return `${LOCAL_OFFLINE_NOTICE} I can only quote from text or sources I am given, and none were provided.`;
  }
  let picked = pool.filter((p) => p.score > 0).sort((a, b) => b.score - a.score || a.order - b.order);
  if (picked.length === 0) picked = pool.slice(0, 2);
  picked = picked.slice(0, 3).sort((a, b) => a.order - b.order);
  const lines = picked.map((p) => `- "${p.sentence}"${p.n !== null ? ` [${p.n}]` : ''}`);
  const intro =
    sources.length > 0
      ? 'It quotes the passages of your sources that best match the question:'
      : 'It quotes the most representative sentences of the text:';
  return `${LOCAL_OFFLINE_NOTICE} ${intro}\n\n${lines.join('\n')}`;
}

/** The embedded-mode provider: no network, deterministic, free. */
export class LocalProvider implements AiProvider {
  readonly name = 'local' as const;
  private readonly chunkDelayMs: number;

  constructor(opts: LocalProviderOptions = {}) {
    this.chunkDelayMs = opts.chunkDelayMs ?? 0;
  }

  async converse(req: ChatRequest): Promise<ChatResponse> {
    if (req.signal?.aborted)
      throw new ProviderError('CANCELLED', 'Request aborted', { modelId: req.modelId });
    const { text, truncated } = this.answer(req);
    return {
      text,
      stopReason: truncated ? 'max_tokens' : 'end_turn',
      usage: {
        inputTokens: estimatePromptTokens(req.system, req.messages),
        outputTokens: estimateTokens(text),
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      },
    };
  }

  async *converseStream(req: ChatRequest): AsyncGenerator<ProviderStreamEvent> {
    const { text, truncated } = this.answer(req);
    yield { type: 'start' };
    // Chunks of a few words, like a model's deltas.
    const chunks = text.match(/\S+\s*|\s+/g) ?? [];
    for (let i = 0; i < chunks.length; i += 3) {
      if (req.signal?.aborted)
        throw new ProviderError('CANCELLED', 'Request aborted', { modelId: req.modelId });
      if (this.chunkDelayMs > 0) await sleep(this.chunkDelayMs, req.signal);
      yield { type: 'text', text: chunks.slice(i, i + 3).join('') };
    }
    yield { type: 'stop', stopReason: truncated ? 'max_tokens' : 'end_turn' };
    yield {
      type: 'usage',
      usage: {
        inputTokens: estimatePromptTokens(req.system, req.messages),
        outputTokens: estimateTokens(text),
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      },
    };
  }

  async embed(req: EmbedRequest): Promise<EmbedResponse> {
    if (req.signal?.aborted)
      throw new ProviderError('CANCELLED', 'Request aborted', { modelId: req.modelId });
    return {
      vectors: req.texts.map(localEmbed),
      inputTokens: req.texts.reduce((s, t) => s + estimateTokens(t), 0),
      usageEstimated: false,
    };
  }

  private answer(req: ChatRequest): { text: string; truncated: boolean } {
    const full = composeLocalAnswer(req);
    const maxChars = req.maxTokens * 4;
    return full.length > maxChars
      ? { text: full.slice(0, maxChars), truncated: true }
      : { text: full, truncated: false };
  }
}

import { estimateTokens } from '@consailt/ai';

/** One retrieval unit cut from an entry. */
export type DraftChunk = {
  ordinal: number;
  /** Entry title, then the markdown headings above the text. */
  headingPath: string[];
  text: string;
  tokenCount: number;
};

export type ChunkOptions = {
  /** Aim for chunks of about this many tokens (≈ 4 characters per token). */
  targetTokens?: number;
  /** Tokens of the previous chunk repeated at the start of the next one, within a section. */
  overlapTokens?: number;
};

export const HEADING_SEPARATOR = ' > ';

type Section = { path: string[]; blocks: string[] };

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const ATX = /^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const SETEXT = /^\s{0,3}(=+|-+)\s*$/;

/** Splits markdown into sections by heading (ATX and setext), ignoring `#` lines inside code fences. */
function sections(markdown: string): Section[] {
  const out: Section[] = [];
  const stack: { level: number; text: string }[] = [];
  let current: Section = { path: [], blocks: [] };
  let para: string[] = [];
  let fence: string | null = null;

  const flushPara = () => {
    const text = para.join('\n').trim();
    if (text) current.blocks.push(text);
    para = [];
  };
  const startSection = (level: number, text: string) => {
    flushPara();
    if (current.blocks.length > 0) out.push(current);
    while (stack.length > 0 && (stack.at(-1)?.level ?? 0) >= level) stack.pop();
    stack.push({ level, text });
    current = { path: stack.map((h) => h.text), blocks: [] };
  };

  for (const line of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const fenceMatch = FENCE.exec(line);
    if (fence) {
      para.push(line);
      // A code block stays one block: it is never split at its blank lines.
      if (fenceMatch?.[1]?.startsWith(fence)) {
        fence = null;
        flushPara();
      }
      continue;
    }
    if (fenceMatch) {
      flushPara();
      fence = fenceMatch[1] ?? '```';
      para.push(line);
      continue;
    }
    const atx = ATX.exec(line);
    if (atx) {
      startSection(atx[1]?.length ?? 1, (atx[2] ?? '').trim());
      continue;
    }
    // "Title\n=====" (level 1) or "Title\n-----" (level 2) when the line above is one paragraph line.
    const setext = SETEXT.exec(line);
    if (setext && para.length === 1 && !/^\s*([-*+]|\d+[.)])\s/.test(para[0] ?? '')) {
      const title = (para[0] ?? '').trim();
      para = [];
      startSection(setext[1]?.startsWith('=') ? 1 : 2, title);
      continue;
    }
    if (line.trim() === '') flushPara();
    else para.push(line);
  }
  flushPara();
  if (current.blocks.length > 0) out.push(current);
  return out;
}

/** Sentences (or, for a run-on sentence, word windows) no longer than `max` tokens. */
function pieces(block: string, max: number): string[] {
  if (estimateTokens(block) <= max) return [block];
  const sentences = block.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim() !== '');
  const out: string[] = [];
  for (const sentence of sentences) {
    if (estimateTokens(sentence) <= max) {
      out.push(sentence);
      continue;
    }
    const words = sentence.split(/\s+/);
    let buf: string[] = [];
    for (const w of words) {
      if (buf.length > 0 && estimateTokens([...buf, w].join(' ')) > max) {
        out.push(buf.join(' '));
        buf = [];
      }
      buf.push(w);
    }
    if (buf.length > 0) out.push(buf.join(' '));
  }
  return out;
}

/** A piece of text and the block (paragraph) it came from, so pieces rejoin as they were. */
type Piece = { text: string; block: number; tokens: number };

/** The trailing pieces of a chunk that fit in the overlap budget (whole sentences only). */
function tail(parts: Piece[], budget: number): Piece[] {
  const out: Piece[] = [];
  let tokens = 0;
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i];
    if (!p || tokens + p.tokens > budget) break;
    out.unshift(p);
    tokens += p.tokens;
  }
  return out;
}

function join(parts: Piece[]): string {
  let text = '';
  parts.forEach((p, i) => {
    if (i > 0) text += parts[i - 1]?.block === p.block ? ' ' : '\n\n';
    text += p.text;
  });
  return text.trim();
}

/**
 * Markdown-aware chunking: sections follow the headings (their path is kept, led by the entry
 * title), paragraphs are packed up to the target size, long paragraphs split at sentences, and
 * consecutive chunks of one section share a few sentences of overlap so a fact cut at a boundary
 * is still whole in one of them. Deterministic: the same input always gives the same chunks.
 */
export function chunkMarkdown(title: string, body: string, opts: ChunkOptions = {}): DraftChunk[] {
  const target = opts.targetTokens ?? 512;
  const overlap = opts.overlapTokens ?? 64;
  const chunks: DraftChunk[] = [];
  const root = title.trim();
  const push = (path: string[], parts: Piece[]) => {
    const text = join(parts);
    if (!text) return;
    chunks.push({
      ordinal: chunks.length,
      headingPath: [root, ...path].filter((h) => h !== ''),
      text,
      tokenCount: estimateTokens(text),
    });
  };

  for (const section of sections(body)) {
    let parts: Piece[] = [];
    let tokens = 0;
    let fresh = 0; // pieces in `parts` not yet emitted in an earlier chunk
    section.blocks.forEach((block, b) => {
      for (const text of pieces(block, target)) {
        const t = estimateTokens(text);
        if (fresh > 0 && tokens + t > target) {
          push(section.path, parts);
          parts = tail(parts, overlap);
          tokens = parts.reduce((s, p) => s + p.tokens, 0);
          fresh = 0;
        }
        parts.push({ text, block: b, tokens: t });
        tokens += t;
        fresh++;
      }
    });
    if (fresh > 0) push(section.path, parts);
  }
  // An entry without body text is still findable by its title.
  if (chunks.length === 0) {
    chunks.push({ ordinal: 0, headingPath: root ? [root] : [], text: '', tokenCount: 0 });
  }
  return chunks;
}

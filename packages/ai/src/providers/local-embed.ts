/**
 * Offline embeddings: signed feature hashing of word unigrams, word bigrams and character
 * trigrams (with word-boundary markers) into 1024 dimensions, then L2 normalization. Texts that
 * share words, word pairs or word stems share dimensions, so related wording lands close; the
 * sign bit keeps unrelated texts near cosine 0. Deterministic across runs and machines.
 *
 * Built for throughput (≥ 2,000 chunks of 512 tokens/s on one core): one pass over UTF-16 code
 * units, lookup tables for case folding and word characters, Math.imul hashing, and a reused
 * Float64Array accumulator, so nothing is allocated per token.
 */
export const LOCAL_EMBEDDING_DIMENSIONS = 1024;
const MASK = LOCAL_EMBEDDING_DIMENSIONS - 1;
const SIGN_BIT = LOCAL_EMBEDDING_DIMENSIONS;

const W_UNIGRAM = 1;
const W_BIGRAM = 0.6;
const W_TRIGRAM = 0.3;
const W_STOPWORD = 0.1;

let lower: Uint16Array | null = null;
let wordChar: Uint8Array | null = null;
let stopHashes: Set<number> | null = null;

const STOPWORDS =
  'a an and are as at be but by for from has have he her his i in is it its of on or our she that the their them they this to was we were which will with you your not no do does did can could should would there what when where who how than then so if into about';

function fnvWord(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

function tables(): { lower: Uint16Array; wordChar: Uint8Array; stop: Set<number> } {
  if (!lower || !wordChar || !stopHashes) {
    const lo = new Uint16Array(65536);
    const wc = new Uint8Array(65536);
    const letter = /[\p{L}\p{N}]/u;
    for (let c = 0; c < 65536; c++) {
      lo[c] = c;
      if (c >= 0xd800 && c <= 0xdfff) continue; // lone surrogates: separators
      const s = String.fromCharCode(c);
      const l = s.toLowerCase();
      if (l.length === 1) lo[c] = l.charCodeAt(0);
      if (letter.test(s)) wc[c] = 1;
    }
    lower = lo;
    wordChar = wc;
    stopHashes = new Set(STOPWORDS.split(' ').map(fnvWord));
  }
  return { lower, wordChar, stop: stopHashes };
}

/** murmur3 fmix32: spreads a 32-bit hash so low bits (the index) and bit 10 (the sign) are mixed. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

const acc = new Float64Array(LOCAL_EMBEDDING_DIMENSIONS);

function add(h: number, w: number): void {
  const m = fmix(h);
  const i = m & MASK;
  acc[i] = (acc[i] as number) + (m & SIGN_BIT ? -w : w);
}

/** Embeds one text into a new L2-normalized Float32Array of 1024 dimensions. */
export function localEmbed(text: string): Float32Array {
  const { lower: lo, wordChar: wc, stop } = tables();
  acc.fill(0);
  let word = 0x811c9dc5; // FNV-1a of the current word
  let inWord = false;
  let prevWord = 0;
  let hasPrev = false;
  // Previous two characters of the boundary-marked stream (" word other ").
  let p2 = 0;
  let p1 = 32;
  const n = text.length;
  for (let i = 0; i <= n; i++) {
    const code = i < n ? text.charCodeAt(i) : 32;
    if (i < n && wc[code] === 1) {
      const c = lo[code] as number;
      word = Math.imul(word ^ c, 0x01000193);
      inWord = true;
      add(
        Math.imul(p2, 0x9e3779b1) ^ Math.imul(p1, 0x85ebca77) ^ Math.imul(c, 0xc2b2ae3d) ^ 0x7f4a7c15,
        W_TRIGRAM,
      );
      p2 = p1;
      p1 = c;
    } else if (inWord) {
      // Word ends: closing trigram, the unigram, and the bigram with the previous word.
      add(
        Math.imul(p2, 0x9e3779b1) ^ Math.imul(p1, 0x85ebca77) ^ Math.imul(32, 0xc2b2ae3d) ^ 0x7f4a7c15,
        W_TRIGRAM,
      );
      p2 = p1;
      p1 = 32;
      const isStop = stop.has(word);
      add(word, isStop ? W_STOPWORD : W_UNIGRAM);
      if (hasPrev) add(Math.imul(prevWord, 0x2c1b3c6d) ^ word ^ 0x297a2d39, isStop ? W_STOPWORD : W_BIGRAM);
      prevWord = word;
      hasPrev = true;
      word = 0x811c9dc5;
      inWord = false;
    }
  }
  let norm = 0;
  for (let i = 0; i < LOCAL_EMBEDDING_DIMENSIONS; i++) {
    const v = acc[i] as number;
    norm += v * v;
  }
  const out = new Float32Array(LOCAL_EMBEDDING_DIMENSIONS);
  if (norm === 0) {
    // No words at all: a fixed unit vector keeps the result normalized (and cosine-safe).
    out[0] = 1;
    return out;
  }
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < LOCAL_EMBEDDING_DIMENSIONS; i++) out[i] = (acc[i] as number) * inv;
  return out;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * Redaction of client-identifying data before a prompt leaves the process, and restoration in the
 * model's output. Placeholders are stable within one call (`Acme` is `[[CLIENT_1]]` in every message)
 * so the model can still reason about "the same client"; the mapping lives only in this object.
 */

export type SanitizeOptions = {
  /** Default true. Turning it off sends text as is (an owner-only org setting). */
  enabled?: boolean;
  /** Engagement client names → `[[CLIENT_n]]`. */
  clientNames?: readonly string[];
  /** The organization's custom sensitive terms → `[[TERM_n]]`. */
  terms?: readonly string[];
};

type Kind = 'CLIENT' | 'TERM' | 'EMAIL' | 'PHONE';

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/**
 * Phone numbers: optional +country, optional (area), then 2–4 digit groups joined by space, dot
 * or dash. The candidate must hold 7–15 digits (E.164) and must not look like a date or a version.
 */
const PHONE = /(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,5}(?:[ .-]\d{2,8}){1,4}(?![\w])/g;
const DATE_LIKE = /^(?:\d{4}[-.]\d{1,2}[-.]\d{1,2}|\d{1,2}[-.]\d{1,2}[-.]\d{2,4})$/;
const PLACEHOLDER = /\[\[(CLIENT|TERM|EMAIL|PHONE)_(\d+)\]\]/g;
const MAX_PLACEHOLDER_LENGTH = '[[CLIENT_99999]]'.length;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function looksLikePhone(candidate: string): boolean {
  if (DATE_LIKE.test(candidate)) return false;
  let digits = 0;
  for (let i = 0; i < candidate.length; i++) {
    const c = candidate.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits < 7 || digits > 15) return false;
  // Bare digit groups without a leading + or (area) need 3 groups, so "2024 2025" stays.
  return candidate.startsWith('+') || candidate.includes('(') || candidate.split(/[ .-]/).length >= 3;
}

export type Sanitizer = {
  readonly enabled: boolean;
  /** Replaces sensitive values with placeholders, registering new ones. */
  redact(text: string): string;
  /** Puts the original values back in place of known placeholders. */
  restore(text: string): string;
  /** A stateful restorer for streamed output whose placeholders may be split across chunks. */
  createStreamRestorer(): StreamRestorer;
  /** Number of distinct values replaced so far (for traces; never the values themselves). */
  readonly redactions: number;
};

export type StreamRestorer = {
  /** Text safe to emit now; a trailing fragment that may start a placeholder is held back. */
  push(chunk: string): string;
  /** Whatever is still held back, restored. */
  flush(): string;
};

export function createSanitizer(opts: SanitizeOptions = {}): Sanitizer {
  const enabled = opts.enabled !== false;
  const byOriginal = new Map<string, string>(); // normalized original → placeholder
  const byPlaceholder = new Map<string, string>(); // placeholder → original (as first seen / as listed)
  const counters: Record<Kind, number> = { CLIENT: 0, TERM: 0, EMAIL: 0, PHONE: 0 };

  const placeholderFor = (kind: Kind, key: string, original: string): string => {
    const existing = byOriginal.get(`${kind}:${key}`);
    if (existing) return existing;
    counters[kind] += 1;
    const ph = `[[${kind}_${counters[kind]}]]`;
    byOriginal.set(`${kind}:${key}`, ph);
    byPlaceholder.set(ph, original);
    return ph;
  };

  // Longest terms first so "Acme Holdings" wins over "Acme"; matched case-insensitively on word
  // boundaries (Unicode-aware, so "Müller" works and "Acmeville" does not match "Acme").
  const termList: { kind: Kind; term: string }[] = [];
  const seen = new Set<string>();
  for (const [kind, list] of [
    ['CLIENT', opts.clientNames ?? []],
    ['TERM', opts.terms ?? []],
  ] as const) {
    for (const raw of list) {
      const term = raw.trim();
      const key = term.toLocaleLowerCase();
      if (term.length < 2 || seen.has(key)) continue;
      seen.add(key);
      termList.push({ kind, term });
    }
  }
  termList.sort((a, b) => b.term.length - a.term.length);
  const termKind = new Map(termList.map((t) => [t.term.toLocaleLowerCase(), t]));

  // Placeholders already in the text are matched first and kept, so a term never matches inside
  // one (a client called "Client" must not rewrite "[[CLIENT_1]]").
  const keep = PLACEHOLDER.source;
  const termRegex =
    termList.length > 0
      ? new RegExp(
          `(${keep})|(?<![\\p{L}\\p{N}])(?:${termList.map((t) => escapeRegExp(t.term).replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
          'giu',
        )
      : null;

  const redact = (text: string): string => {
    if (!enabled || text.length === 0) return text;
    // Emails first: a client name inside an address ("bob@globex.com") belongs to the address.
    let out = text.replace(EMAIL, (m) => placeholderFor('EMAIL', m.toLowerCase(), m));
    out = out.replace(PHONE, (m) =>
      looksLikePhone(m) ? placeholderFor('PHONE', m.replace(/\D/g, ''), m) : m,
    );
    if (termRegex) {
      out = out.replace(termRegex, (m, placeholder: string | undefined) => {
        if (placeholder) return m;
        const key = m.replace(/\s+/g, ' ').toLocaleLowerCase();
        const t = termKind.get(key);
        return placeholderFor(t?.kind ?? 'TERM', key, t?.term ?? m);
      });
    }
    return out;
  };

  const restore = (text: string): string => {
    if (byPlaceholder.size === 0) return text;
    return text.replace(PLACEHOLDER, (m) => byPlaceholder.get(m) ?? m);
  };

  return {
    enabled,
    redact,
    restore,
    get redactions() {
      return byPlaceholder.size;
    },
    createStreamRestorer() {
      let held = '';
      return {
        push(chunk) {
          const text = held + chunk;
          const cut = partialPlaceholderStart(text);
          held = text.slice(cut);
          return restore(text.slice(0, cut));
        },
        flush() {
          const rest = restore(held);
          held = '';
          return rest;
        },
      };
    },
  };
}

/**
 * Index where a trailing, possibly incomplete placeholder begins (text.length if none): the last
 * `[` within reach whose remainder is a prefix of `[[KIND_123]]`.
 */
function partialPlaceholderStart(text: string): number {
  // The earliest `[` in reach that starts a prefix wins: in " [[CLI" that is the first bracket.
  for (
    let i = text.indexOf('[', Math.max(0, text.length - MAX_PLACEHOLDER_LENGTH));
    i !== -1;
    i = text.indexOf('[', i + 1)
  ) {
    if (isPlaceholderPrefix(text, i)) return i;
  }
  return text.length;
}

const KINDS = ['CLIENT', 'TERM', 'EMAIL', 'PHONE'];

function isPlaceholderPrefix(text: string, start: number): boolean {
  const rest = text.slice(start);
  if (rest === '[' || rest === '[[') return true;
  if (!rest.startsWith('[[')) return false;
  const body = rest.slice(2);
  const m = /^([A-Z]*)(?:_(\d*)(\]?))?$/.exec(body);
  if (!m) return false;
  const name = m[1] ?? '';
  if (m[2] === undefined) return KINDS.some((k) => k.startsWith(name));
  if (!KINDS.includes(name)) return false;
  // "[[CLIENT_1]" still waits for its last bracket; a complete "]]" would not reach here.
  return true;
}

import { convert } from 'html-to-text';

const MAX_CONTENT_CHARS = 100_000;

const options = {
  wordwrap: false as const,
  selectors: [
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'iframe', format: 'skip' },
    { selector: 'h1', options: { uppercase: false } },
    { selector: 'h2', options: { uppercase: false } },
    { selector: 'h3', options: { uppercase: false } },
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

/**
 * Feed HTML to plain text: no markup, scripts, styles, images or link targets survive, so the
 * text is safe to render anywhere and to index. Whitespace is collapsed and length capped.
 */
export function htmlToSafeText(html: string | null | undefined, maxChars = MAX_CONTENT_CHARS): string {
  if (!html) return '';
  const text = convert(html.length > maxChars * 4 ? html.slice(0, maxChars * 4) : html, options);
  return text
    .replaceAll('\0', '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
    .slice(0, maxChars);
}

/** A one-line title: markup stripped, whitespace collapsed. */
export function safeTitle(raw: string | null | undefined, max = 500): string {
  return htmlToSafeText(raw, max * 2)
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

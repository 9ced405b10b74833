const TITLE_MAX = 80;

/**
 * A quick note becomes an entry: its first line is the title (cut at a word near 80 characters),
 * and the body keeps whatever the title did not, so no text is lost.
 */
export function noteFromText(text: string): { title: string; body: string } | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const [firstLine = '', ...rest] = trimmed.split(/\r?\n/);
  const line = firstLine.trim();
  if (line.length <= TITLE_MAX) return { title: line, body: rest.join('\n').trim() };
  const cut = line.lastIndexOf(' ', TITLE_MAX - 1);
  const title = `${line.slice(0, cut > TITLE_MAX / 2 ? cut : TITLE_MAX - 1).trimEnd()}…`;
  // The title was shortened, so the body carries the whole note.
  return { title, body: trimmed };
}

/** Ctrl-Enter, or ⌘-Enter on a Mac, submits; plain Enter is a new line. */
export function isSubmitShortcut(event: { key: string; metaKey: boolean; ctrlKey: boolean }): boolean {
  return event.key === 'Enter' && (event.metaKey || event.ctrlKey);
}

/** Dispatch this on `window` to open the palette from a button (the shortcut is ⌘K / Ctrl-K). */
export const OPEN_COMMAND_PALETTE_EVENT = 'consailt:open-command-palette';

/** ⌘K on macOS, Ctrl-K elsewhere; both everywhere, since keyboards and habits travel. */
export function isPaletteShortcut(
  event: Pick<KeyboardEvent, 'key' | 'metaKey' | 'ctrlKey' | 'altKey' | 'shiftKey'>,
) {
  return (
    (event.metaKey || event.ctrlKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'k'
  );
}

/** Every word of the query starts a word of one of the texts (case-insensitive); empty matches all. */
export function matchesQuery(query: string, texts: readonly string[]): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = texts.flatMap((t) => t.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  return words.every((w) => haystack.some((h) => h.startsWith(w)));
}

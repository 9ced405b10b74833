import { cn } from '@consailt/ui';

export type SnippetPart = { text: string; highlight: boolean };

/**
 * A search snippet: the server sends plain and highlighted runs (never markup), and each run is
 * rendered as text, so words from an entry can never inject HTML into the page.
 */
export function Snippet({ parts, className }: { parts: SnippetPart[]; className?: string }) {
  return (
    <p className={cn('text-muted-foreground text-sm leading-relaxed', className)}>
      {parts.map((part, i) =>
        part.highlight ? (
          // Index keys: the runs are a fixed sequence for one result and are never reordered.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <mark key={i} className="rounded-sm bg-yellow-200/70 px-0.5 text-foreground dark:bg-yellow-500/30">
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}

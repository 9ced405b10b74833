'use client';

import {
  CommandDialog,
  CommandEmpty,
  CommandGroup,
  CommandInput,
  CommandItem,
  CommandList,
  CommandShortcut,
} from '@consailt/ui';
import {
  BookOpenIcon,
  FilePlusIcon,
  LoaderCircleIcon,
  type LucideIcon,
  MessageSquareIcon,
  NewspaperIcon,
  SearchIcon,
} from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { NAV_ITEMS } from '@/components/nav-links';
import { sourceHref } from '@/components/search/search-params';
import { useDebouncedValue } from '@/components/search/use-debounced-value';
import { useSession } from '@/components/session-provider';
import { SETTINGS_SECTIONS } from '@/components/settings/settings-nav';
import type { Scope } from '@/lib/permissions';
import { api } from '@/trpc/react';
import { matchesQuery } from './palette-helpers';

/** Entries start being searched once the query has this many characters… */
const MIN_SEARCH_CHARS = 2;
/** …and after typing pauses this long. */
const SEARCH_DEBOUNCE_MS = 150;

type PaletteItem = { href: string; label: string; icon: LucideIcon; scope?: Scope; keywords: string[] };

const PAGES: PaletteItem[] = [
  ...NAV_ITEMS.map((p) => ({ ...p, keywords: [] })),
  ...SETTINGS_SECTIONS.map((p) => ({ ...p, label: `Settings: ${p.label}`, keywords: ['settings'] })),
];

/**
 * ⌘K / Ctrl-K: jump to a page, open an entry found by search, create an entry, or ask a question.
 * cmdk handles arrow keys, Enter and the listbox semantics; Radix's dialog traps focus and closes on
 * Escape. Results come from the server, so cmdk's own fuzzy filter is off and pages are matched
 * here by words.
 */
export function CommandPalette({ open, setOpen }: { open: boolean; setOpen: (open: boolean) => void }) {
  const router = useRouter();
  const { can } = useSession();
  const [query, setQuery] = useState('');
  const trimmed = query.trim();
  const debounced = useDebouncedValue(trimmed, SEARCH_DEBOUNCE_MS);

  const searching = can('knowledge:read') && debounced.length >= MIN_SEARCH_CHARS;
  // Lexical mode: answers in milliseconds and never calls an embedding model per keystroke.
  const results = api.search.query.useQuery(
    { query: debounced, mode: 'lexical', limit: 6 },
    { enabled: open && searching, staleTime: 30_000, placeholderData: (prev) => prev },
  );

  const pages = useMemo(
    () =>
      PAGES.filter((p) => !p.scope || can(p.scope)).filter((p) =>
        matchesQuery(trimmed, [p.label, p.href, ...p.keywords]),
      ),
    [trimmed, can],
  );

  const go = useCallback(
    (href: string) => {
      setOpen(false);
      setQuery('');
      router.push(href);
    },
    [router, setOpen],
  );

  const entries = searching && results.data && debounced === trimmed ? results.data.items : [];
  const waiting = searching && (results.isFetching || debounced !== trimmed);

  return (
    <CommandDialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setQuery('');
      }}
      title="Command palette"
      description="Jump to a page, find an entry, create an entry or ask a question"
      commandProps={{ shouldFilter: false, loop: true, label: 'Command palette' }}
    >
      <CommandInput
        value={query}
        onValueChange={setQuery}
        placeholder="Type a page, an entry or a question…"
        maxLength={500}
      />
      <CommandList>
        <CommandEmpty>{waiting ? 'Searching…' : 'Nothing matches. Try other words.'}</CommandEmpty>
        <CommandGroup heading="Actions">
          {can('knowledge:write') ? (
            <CommandItem value="action:new-entry" onSelect={() => go('/knowledge/new')}>
              <FilePlusIcon aria-hidden />
              Create an entry
            </CommandItem>
          ) : null}
          {can('ai:use') ? (
            <CommandItem
              value="action:ask"
              onSelect={() => go(trimmed ? `/ask?q=${encodeURIComponent(trimmed)}` : '/ask')}
            >
              <MessageSquareIcon aria-hidden />
              {trimmed ? <span className="truncate">Ask “{trimmed}”</span> : 'Ask a question'}
            </CommandItem>
          ) : null}
          {trimmed && can('knowledge:read') ? (
            <CommandItem
              value="action:search"
              onSelect={() => go(`/search?q=${encodeURIComponent(trimmed)}`)}
            >
              <SearchIcon aria-hidden />
              <span className="truncate">Search for “{trimmed}”</span>
            </CommandItem>
          ) : null}
        </CommandGroup>
        {entries.length > 0 || waiting ? (
          <CommandGroup heading="Entries">
            {entries.map((item) => {
              const Icon = item.kind === 'article' ? NewspaperIcon : BookOpenIcon;
              return (
                <CommandItem
                  key={`${item.kind}:${item.id}`}
                  value={`${item.kind}:${item.id}`}
                  onSelect={() => go(sourceHref(item.kind, item.id))}
                >
                  <Icon aria-hidden />
                  <span className="truncate">{item.title}</span>
                  {item.engagementName ? <CommandShortcut>{item.engagementName}</CommandShortcut> : null}
                </CommandItem>
              );
            })}
            {waiting && entries.length === 0 ? (
              <div className="flex items-center gap-2 px-2 py-2 text-muted-foreground text-sm">
                <LoaderCircleIcon aria-hidden className="size-4 animate-spin" />
                Searching entries…
              </div>
            ) : null}
          </CommandGroup>
        ) : null}
        {pages.length > 0 ? (
          <CommandGroup heading="Pages">
            {pages.map(({ href, label, icon: Icon }) => (
              <CommandItem key={href} value={`page:${href}`} onSelect={() => go(href)}>
                <Icon aria-hidden />
                {label}
              </CommandItem>
            ))}
          </CommandGroup>
        ) : null}
      </CommandList>
    </CommandDialog>
  );
}

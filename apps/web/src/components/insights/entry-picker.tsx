'use client';

import { Badge, Button, Input, Label } from '@consailt/ui';
import { PlusIcon, XIcon } from 'lucide-react';
import { useState } from 'react';
import { api } from '@/trpc/react';
import { useDebouncedValue } from '../search/use-debounced-value';

export type PickedEntry = { id: string; title: string };

/** Up to `max` knowledge entries, found by title or text (lexical search, debounced). */
export function EntryPicker({
  value,
  onChange,
  max,
}: {
  value: PickedEntry[];
  onChange: (next: PickedEntry[]) => void;
  max: number;
}) {
  const [query, setQuery] = useState('');
  const debounced = useDebouncedValue(query.trim(), 200);
  const results = api.search.query.useQuery(
    { query: debounced, mode: 'lexical', limit: 8 },
    { enabled: debounced.length >= 2, placeholderData: (prev) => prev },
  );
  const picked = new Set(value.map((e) => e.id));
  const candidates = (results.data?.items ?? []).filter((i) => i.kind === 'entry' && !picked.has(i.id));
  const full = value.length >= max;

  return (
    <div className="flex flex-col gap-2">
      <Label htmlFor="insight-entry-search">Entries to analyse</Label>
      {value.length > 0 ? (
        <ul className="flex flex-wrap gap-1.5" aria-label="Selected entries">
          {value.map((e) => (
            <li key={e.id}>
              <Badge variant="secondary" className="gap-1 pr-1">
                <span className="max-w-56 truncate">{e.title}</span>
                <button
                  type="button"
                  className="rounded-sm p-0.5 outline-none hover:bg-background focus-visible:ring-2 focus-visible:ring-ring"
                  aria-label={`Remove ${e.title}`}
                  onClick={() => onChange(value.filter((v) => v.id !== e.id))}
                >
                  <XIcon aria-hidden className="size-3" />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      ) : null}
      <Input
        id="insight-entry-search"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={full ? `At most ${max} entries` : 'Find entries by title or text…'}
        disabled={full}
        maxLength={500}
        autoComplete="off"
      />
      {debounced.length >= 2 && !full ? (
        candidates.length > 0 ? (
          <ul
            className="flex max-h-56 flex-col gap-0.5 overflow-y-auto rounded-md border p-1"
            aria-label="Matching entries"
          >
            {candidates.map((item) => (
              <li key={item.id}>
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  className="w-full justify-start"
                  onClick={() => onChange([...value, { id: item.id, title: item.title }])}
                >
                  <PlusIcon aria-hidden />
                  <span className="truncate">{item.title}</span>
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted-foreground text-xs">
            {results.isFetching ? 'Searching…' : 'No matching entries.'}
          </p>
        )
      ) : null}
    </div>
  );
}

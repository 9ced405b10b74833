'use client';

import {
  Button,
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  Input,
  Label,
  NativeSelect,
} from '@consailt/ui';
import { ChevronDownIcon, XIcon } from 'lucide-react';
import { useId } from 'react';
import { humanize } from '@/lib/format';
import { activeFilterCount, EMPTY_SEARCH, type SearchSource, type SearchState } from './search-params';

export type FilterOption = { id: string; label: string };

export type SearchFilterOptions = {
  types: string[];
  engagements: FilterOption[];
  categories: (FilterOption & { depth: number })[];
  tags: FilterOption[];
  authors: FilterOption[];
};

const SOURCE_LABELS: Record<SearchSource, string> = {
  knowledge: 'Knowledge',
  news: 'News',
  all: 'Knowledge and news',
};

/** A multi-choice filter as a menu of checkboxes; the menu stays open while ticking. */
function MultiSelect({
  label,
  options,
  selected,
  onChange,
  empty,
}: {
  label: string;
  options: FilterOption[];
  selected: string[];
  onChange: (next: string[]) => void;
  empty: string;
}) {
  const summary =
    selected.length === 0
      ? 'Any'
      : selected.length === 1
        ? (options.find((o) => o.id === selected[0])?.label ?? '1 selected')
        : `${selected.length} selected`;
  return (
    <div className="flex flex-col gap-1.5">
      <span className="font-medium text-sm">{label}</span>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="outline"
            className="justify-between font-normal"
            aria-label={`${label}: ${summary}`}
          >
            <span className="truncate">{summary}</span>
            <ChevronDownIcon aria-hidden className="text-muted-foreground" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="max-h-72 w-56">
          <DropdownMenuLabel>{label}</DropdownMenuLabel>
          <DropdownMenuSeparator />
          {options.length === 0 ? (
            <p className="px-2 py-1.5 text-muted-foreground text-sm">{empty}</p>
          ) : (
            options.map((option) => (
              <DropdownMenuCheckboxItem
                key={option.id}
                checked={selected.includes(option.id)}
                onSelect={(event) => event.preventDefault()}
                onCheckedChange={(on) =>
                  onChange(on ? [...selected, option.id] : selected.filter((id) => id !== option.id))
                }
              >
                {option.label}
              </DropdownMenuCheckboxItem>
            ))
          )}
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}

function SingleSelect({
  label,
  value,
  options,
  onChange,
  anyLabel = 'Any',
}: {
  label: string;
  value: string | null;
  options: (FilterOption & { depth?: number })[];
  onChange: (next: string | null) => void;
  anyLabel?: string;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <NativeSelect id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {/* Native options cannot be styled per level: indent the tree with non-breaking spaces. */}
            {'\u00a0\u00a0'.repeat(o.depth ?? 0)}
            {o.label}
          </option>
        ))}
      </NativeSelect>
    </div>
  );
}

/** Every filter of `search.query`; changes apply at once (the results follow as you change them). */
export function SearchFilters({
  state,
  options,
  onChange,
}: {
  state: SearchState;
  options: SearchFilterOptions;
  onChange: (patch: Partial<SearchState>) => void;
}) {
  const fromId = useId();
  const toId = useId();
  const sourceId = useId();
  const count = activeFilterCount(state);
  return (
    <section aria-label="Filters" className="flex flex-col gap-4">
      <div className="flex items-center justify-between">
        <h2 className="font-semibold text-sm">Filters{count > 0 ? ` (${count})` : ''}</h2>
        {count > 0 ? (
          <Button
            variant="ghost"
            size="sm"
            onClick={() => onChange({ ...EMPTY_SEARCH, q: state.q })}
            className="h-7 px-2"
          >
            <XIcon aria-hidden />
            Clear
          </Button>
        ) : null}
      </div>
      <div className="flex flex-col gap-1.5">
        <Label htmlFor={sourceId}>Source</Label>
        <NativeSelect
          id={sourceId}
          value={state.source}
          onChange={(e) => onChange({ source: e.target.value as SearchSource })}
        >
          {(Object.keys(SOURCE_LABELS) as SearchSource[]).map((s) => (
            <option key={s} value={s}>
              {SOURCE_LABELS[s]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <SingleSelect
        label="Engagement"
        value={state.engagementId}
        options={options.engagements}
        onChange={(engagementId) => onChange({ engagementId })}
      />
      <SingleSelect
        label="Category (and below)"
        value={state.categoryId}
        options={options.categories}
        onChange={(categoryId) => onChange({ categoryId })}
      />
      <MultiSelect
        label="Tags"
        options={options.tags}
        selected={state.tagIds}
        onChange={(tagIds) => onChange({ tagIds })}
        empty="No tags yet"
      />
      <MultiSelect
        label="Type"
        options={options.types.map((t) => ({ id: t, label: humanize(t) }))}
        selected={state.types}
        onChange={(types) => onChange({ types })}
        empty="No types"
      />
      <SingleSelect
        label="Author"
        value={state.authorId}
        options={options.authors}
        onChange={(authorId) => onChange({ authorId })}
        anyLabel="Anyone"
      />
      <div className="grid grid-cols-2 gap-2">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={fromId}>From</Label>
          <Input
            id={fromId}
            type="date"
            value={state.from ?? ''}
            max={state.to ?? undefined}
            onChange={(e) => onChange({ from: e.target.value || null })}
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor={toId}>To</Label>
          <Input
            id={toId}
            type="date"
            value={state.to ?? ''}
            min={state.from ?? undefined}
            onChange={(e) => onChange({ to: e.target.value || null })}
          />
        </div>
      </div>
    </section>
  );
}

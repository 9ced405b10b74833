'use client';

import { Button, Input, Label, NativeSelect } from '@consailt/ui';
import { XIcon } from 'lucide-react';
import { memo, useId } from 'react';
import { lazyAfterHydration } from '@/hooks/lazy-after-hydration';
import { humanize } from '@/lib/format';
import { type FilterOption, MultiSelectButton } from './multi-select-button';
import { activeFilterCount, EMPTY_SEARCH, type SearchSource, type SearchState } from './search-params';

export type { FilterOption };

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

// The checkbox menus' code (Radix menu, Floating UI) arrives just after the page hydrates; until
// then each filter shows its closed button.
const MultiSelect = lazyAfterHydration(() => import('./multi-select'), MultiSelectButton);

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

const { q: _q, ...NO_FILTERS } = EMPTY_SEARCH;

/** Whether two states have the same filters (the query aside). */
function sameFilters(a: SearchState, b: SearchState): boolean {
  const { q: _a, ...fa } = a;
  const { q: _b, ...fb } = b;
  return JSON.stringify(fa) === JSON.stringify(fb);
}

/**
 * Every filter of `search.query`; changes apply at once (the results follow as you change them).
 * It does not re-render while the user types the query: only the filters, options or handler matter.
 */
export const SearchFilters = memo(
  SearchFiltersPanel,
  (prev, next) =>
    prev.options === next.options && prev.onChange === next.onChange && sameFilters(prev.state, next.state),
);

function SearchFiltersPanel({
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
          <Button variant="ghost" size="sm" onClick={() => onChange(NO_FILTERS)} className="h-7 px-2">
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

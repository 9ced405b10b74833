'use client';

import { Button, NativeSelect } from '@consailt/ui';
import { ArrowDownIcon, ArrowUpIcon, XIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { humanize } from '@/lib/format';
import {
  EMPTY_LIST_STATE,
  effectiveOrder,
  hasFilters,
  LIST_SORTS,
  LIST_SOURCES,
  LIST_TYPES,
  type ListState,
} from './list-params';
import { categoryLabel, type KnowledgeOptions } from './options';

const SORT_LABELS: Record<ListState['sort'], string> = {
  updated: 'Last updated',
  created: 'Created',
  title: 'Title',
};

function Filter({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  children: ReactNode;
}) {
  return (
    <NativeSelect
      aria-label={label}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value || null)}
      wrapperClassName="w-auto min-w-36 max-w-56"
      className="h-8"
    >
      <option value="">{`Any ${label.toLowerCase()}`}</option>
      {children}
    </NativeSelect>
  );
}

/** The Knowledge table's filter bar and sort controls. */
export function KnowledgeFilters({
  state,
  options,
  onChange,
}: {
  state: ListState;
  options: KnowledgeOptions;
  onChange: (next: ListState) => void;
}) {
  const set = (patch: Partial<ListState>) => onChange({ ...state, ...patch });
  const order = effectiveOrder(state);
  return (
    <fieldset className="flex min-w-0 flex-wrap items-center gap-2" aria-label="Filters">
      <Filter label="Engagement" value={state.engagement} onChange={(engagement) => set({ engagement })}>
        {options.engagements.map((e) => (
          <option key={e.id} value={e.id}>
            {e.name}
          </option>
        ))}
      </Filter>
      <Filter label="Category" value={state.category} onChange={(category) => set({ category })}>
        {options.categories.map((c) => (
          <option key={c.id} value={c.id}>
            {categoryLabel(c)}
          </option>
        ))}
      </Filter>
      <Filter label="Tag" value={state.tag} onChange={(tag) => set({ tag })}>
        {options.tags.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Filter>
      <Filter label="Type" value={state.type} onChange={(type) => set({ type: type as ListState['type'] })}>
        {LIST_TYPES.map((t) => (
          <option key={t} value={t}>
            {humanize(t)}
          </option>
        ))}
      </Filter>
      <Filter label="Author" value={state.author} onChange={(author) => set({ author })}>
        {options.authors.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </Filter>
      <Filter
        label="Source"
        value={state.source}
        onChange={(source) => set({ source: source as ListState['source'] })}
      >
        {LIST_SOURCES.map((s) => (
          <option key={s} value={s}>
            {s === 'api' ? 'API' : humanize(s)}
          </option>
        ))}
      </Filter>
      {hasFilters(state) ? (
        <Button
          variant="ghost"
          size="sm"
          onClick={() => onChange({ ...EMPTY_LIST_STATE, sort: state.sort, order: state.order })}
        >
          <XIcon aria-hidden />
          Clear filters
        </Button>
      ) : null}
      <div className="ml-auto flex items-center gap-2">
        <NativeSelect
          aria-label="Sort by"
          value={state.sort}
          onChange={(event) => set({ sort: event.target.value as ListState['sort'], order: null })}
          wrapperClassName="w-36"
          className="h-8"
        >
          {LIST_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </NativeSelect>
        <Button
          variant="outline"
          size="sm"
          aria-label={order === 'asc' ? 'Ascending order' : 'Descending order'}
          title="Reverse the order"
          onClick={() => set({ order: order === 'asc' ? 'desc' : 'asc' })}
        >
          {order === 'asc' ? <ArrowUpIcon aria-hidden /> : <ArrowDownIcon aria-hidden />}
        </Button>
      </div>
    </fieldset>
  );
}

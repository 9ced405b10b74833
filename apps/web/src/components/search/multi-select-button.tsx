import { Button, type ButtonProps } from '@consailt/ui';
import { ChevronDownIcon } from 'lucide-react';

export type FilterOption = { id: string; label: string };

export type MultiSelectProps = {
  label: string;
  options: FilterOption[];
  selected: string[];
  onChange: (next: string[]) => void;
  empty: string;
};

function summarize(options: FilterOption[], selected: string[]): string {
  if (selected.length === 0) return 'Any';
  if (selected.length === 1) return options.find((o) => o.id === selected[0])?.label ?? '1 selected';
  return `${selected.length} selected`;
}

/** The closed filter: a button naming the filter and summarizing what is ticked. */
export function MultiSelectTrigger({
  label,
  options,
  selected,
  ...buttonProps
}: Pick<MultiSelectProps, 'label' | 'options' | 'selected'> & ButtonProps) {
  const summary = summarize(options, selected);
  return (
    <Button
      variant="outline"
      className="justify-between font-normal"
      aria-label={`${label}: ${summary}`}
      {...buttonProps}
    >
      <span className="truncate">{summary}</span>
      <ChevronDownIcon aria-hidden className="text-muted-foreground" />
    </Button>
  );
}

/** The filter before its menu's code has loaded (see `lazyAfterHydration`). */
export function MultiSelectButton({ label, options, selected }: MultiSelectProps) {
  return (
    <div className="flex flex-col gap-1.5">
      <span className="font-medium text-sm">{label}</span>
      <MultiSelectTrigger label={label} options={options} selected={selected} />
    </div>
  );
}

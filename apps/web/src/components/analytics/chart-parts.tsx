'use client';

import { cn, TableCell, TableRow } from '@consailt/ui';
import type { TooltipContentProps, TooltipValueType } from 'recharts';
import { formatNumber } from '@/lib/format';

const dayLabel = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
export const formatDay = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

/** Axis labels in the theme's muted colour, so they read in light and dark mode alike. */
export const AXIS_TICK = { fill: 'var(--muted-foreground)', fontSize: 12 };
/** A quiet axis: labels only, no ticks or line. */
export const PLAIN_AXIS = { tickLine: false, axisLine: false, tick: AXIS_TICK } as const;
/** The x axis of a per-day series (points keyed by `day`, YYYY-MM-DD). */
export const DAY_AXIS = { ...PLAIN_AXIS, dataKey: 'day', tickFormatter: formatDay, minTickGap: 16 } as const;

/** A tooltip listing every series at the hovered point, in the popover colours of the current theme. */
export function ChartTooltip({
  active,
  payload,
  label,
  format = formatNumber,
}: TooltipContentProps<TooltipValueType, string | number> & { format?: (n: number) => string }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-popover-foreground text-xs shadow-md">
      <div className="mb-1 font-medium">
        {typeof label === 'string' && ISO_DAY.test(label) ? formatDay(label) : label}
      </div>
      {payload.map((item) => (
        <div key={String(item.dataKey)} className="flex items-center gap-2 tabular-nums">
          {payload.length > 1 ? (
            <span className="size-2 rounded-full" style={{ background: item.color }} aria-hidden />
          ) : null}
          {payload.length > 1 ? <span>{item.name}</span> : null}
          <span className={payload.length > 1 ? 'ml-auto pl-3' : undefined}>
            {typeof item.value === 'number' ? format(item.value) : ''}
          </span>
        </div>
      ))}
    </div>
  );
}

/** A small group of toggle buttons (one pressed) for a chart's toolbar: metric, grouping. */
export function ToggleGroup<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of toggle buttons, not a form field set.
    <div role="group" aria-label={label} className="inline-flex rounded-md border p-0.5">
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={value === option.value}
          onClick={() => onChange(option.value)}
          className={cn(
            'rounded-sm px-2.5 py-1 font-medium text-xs outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50',
            value === option.value
              ? 'bg-primary text-primary-foreground'
              : 'text-muted-foreground hover:text-foreground',
          )}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

/** A right-aligned figure in a table; `last` pads it like the card's edge. */
export function NumberCell({ children, last = false }: { children: number | string; last?: boolean }) {
  return (
    <TableCell className={cn('text-right tabular-nums', last && 'pr-6')}>
      {typeof children === 'number' ? formatNumber(children) : children}
    </TableCell>
  );
}

/** The one row of a table with nothing to list, saying so. */
export function EmptyTableRow({ colSpan, children }: { colSpan: number; children: string }) {
  return (
    <TableRow>
      <TableCell colSpan={colSpan} className="py-8 text-center text-muted-foreground">
        {children}
      </TableCell>
    </TableRow>
  );
}

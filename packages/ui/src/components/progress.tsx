import type * as React from 'react';
import { cn } from '../lib/utils';

export type ProgressProps = Omit<React.ComponentProps<'div'>, 'children'> & {
  /** 0–100; null draws an indeterminate bar (the job has not reported progress yet). */
  value: number | null;
  /** Accessible name, e.g. "Import of report.pdf". */
  label: string;
  /** Read by screen readers instead of the bare percent, e.g. "40%, parsing". */
  valueText?: string;
};

/** A horizontal progress bar with the ARIA progressbar role. */
export function Progress({ value, label, valueText, className, ...props }: ProgressProps) {
  const clamped = value === null ? null : Math.min(100, Math.max(0, value));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped ?? undefined}
      aria-valuetext={valueText}
      data-slot="progress"
      className={cn('relative h-2 w-full overflow-hidden rounded-full bg-primary/20', className)}
      {...props}
    >
      <div
        className={cn(
          'h-full rounded-full bg-primary transition-[width] duration-300',
          clamped === null && 'w-1/3 animate-pulse',
        )}
        style={clamped === null ? undefined : { width: `${clamped}%` }}
      />
    </div>
  );
}

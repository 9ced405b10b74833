import type * as React from 'react';
import { cn } from '../lib/utils';

export type GaugeProps = Omit<React.ComponentProps<'div'>, 'children'> & {
  /** Current value, e.g. spend. */
  value: number;
  /** The full scale, e.g. the hard limit. Values above it fill the arc and turn it red. */
  max: number;
  /** Optional marker on the arc, e.g. the soft limit; crossing it turns the arc amber. */
  marker?: number | null;
  /** Accessible name, e.g. "Organization budget". */
  label: string;
  /** Human text for the value, read by screen readers and shown in the middle. */
  valueText: string;
  /** Small line under the value, e.g. "of $100.00". */
  caption?: string;
  markerLabel?: string;
};

const R = 80;
const CX = 100;
const CY = 95;
const ARC = `M ${CX - R} ${CY} A ${R} ${R} 0 0 1 ${CX + R} ${CY}`;

function pointAt(fraction: number, radius: number): { x: number; y: number } {
  const angle = Math.PI * (1 - fraction);
  return { x: CX + radius * Math.cos(angle), y: CY - radius * Math.sin(angle) };
}

/** A half-circle meter (a native `<meter>` for assistive tech) for a value against a limit, with an optional marker. */
export function Gauge({
  value,
  max,
  marker,
  label,
  valueText,
  caption,
  markerLabel,
  className,
  ...props
}: GaugeProps) {
  const fraction = max > 0 ? Math.min(Math.max(value / max, 0), 1) : 0;
  const markerFraction = marker != null && max > 0 ? Math.min(Math.max(marker / max, 0), 1) : null;
  const over = max > 0 && value >= max;
  const warn = !over && marker != null && value >= marker;
  const tone = over ? 'text-destructive' : warn ? 'text-amber-500' : 'text-chart-2';
  const inner = markerFraction !== null ? pointAt(markerFraction, R - 14) : null;
  const outer = markerFraction !== null ? pointAt(markerFraction, R + 14) : null;

  return (
    <div data-slot="gauge" className={cn('flex flex-col items-center', className)} {...props}>
      {/* The native meter carries the semantics; the drawing below is decoration. */}
      <meter
        className="sr-only"
        aria-label={label}
        aria-valuetext={valueText}
        min={0}
        max={max > 0 ? max : 1}
        value={Math.min(Math.max(value, 0), max > 0 ? max : 1)}
        high={marker ?? undefined}
        optimum={0}
      />
      <svg viewBox="0 0 200 110" className="w-full max-w-56" aria-hidden>
        <path d={ARC} fill="none" strokeWidth={16} strokeLinecap="round" className="stroke-muted" />
        {fraction > 0 ? (
          <path
            d={ARC}
            fill="none"
            strokeWidth={16}
            strokeLinecap="round"
            pathLength={100}
            strokeDasharray={`${fraction * 100} 100`}
            className={cn('stroke-current', tone)}
          />
        ) : null}
        {inner && outer ? (
          <line
            x1={inner.x}
            y1={inner.y}
            x2={outer.x}
            y2={outer.y}
            strokeWidth={3}
            strokeLinecap="round"
            className="stroke-foreground"
          >
            {markerLabel ? <title>{markerLabel}</title> : null}
          </line>
        ) : null}
      </svg>
      <div className="-mt-10 flex flex-col items-center" aria-hidden>
        <span className={cn('font-semibold text-xl tabular-nums', over && 'text-destructive')}>
          {valueText}
        </span>
        {caption ? <span className="text-muted-foreground text-xs">{caption}</span> : null}
      </div>
    </div>
  );
}

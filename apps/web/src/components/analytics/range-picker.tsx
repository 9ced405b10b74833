import { cn } from '@consailt/ui';
import Link from 'next/link';
import { USAGE_RANGES, type UsageRange } from '@/lib/analytics';

/** Plain links, so the range lives in the URL and the page stays a server component. */
export function RangePicker({ current }: { current: UsageRange }) {
  return (
    <nav aria-label="Period" className="inline-flex rounded-lg bg-muted p-[3px]">
      {USAGE_RANGES.map((range) => (
        <Link
          key={range.value}
          href={range.value === 'month' ? '/analytics' : `/analytics?range=${range.value}`}
          aria-current={range.value === current ? 'page' : undefined}
          className={cn(
            'rounded-md px-3 py-1 font-medium text-sm outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50',
            range.value === current
              ? 'bg-background text-foreground shadow-sm'
              : 'text-muted-foreground hover:text-foreground',
          )}
        >
          {range.label}
        </Link>
      ))}
    </nav>
  );
}

import { Badge } from '@consailt/ui';
import { humanize } from '@/lib/format';

export const ENGAGEMENT_STATUSES = ['prospect', 'active', 'on_hold', 'completed', 'archived'] as const;
export type EngagementStatus = (typeof ENGAGEMENT_STATUSES)[number];

function statusVariant(status: string): 'default' | 'secondary' | 'outline' {
  if (status === 'active') return 'default';
  if (status === 'completed' || status === 'archived') return 'outline';
  return 'secondary';
}

export function EngagementStatusBadge({ status, className }: { status: string; className?: string }) {
  return (
    <Badge variant={statusVariant(status)} className={className}>
      {humanize(status)}
    </Badge>
  );
}

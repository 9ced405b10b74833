import { Badge } from '@consailt/ui';
import { humanize } from '@/lib/format';

export type Role = 'owner' | 'admin' | 'member' | 'viewer';

function variantFor(role: Role): 'default' | 'secondary' | 'outline' {
  switch (role) {
    case 'owner':
      return 'default';
    case 'admin':
      return 'secondary';
    case 'member':
    case 'viewer':
      return 'outline';
    default: {
      const unreachable: never = role;
      return unreachable;
    }
  }
}

export function RoleBadge({ role, className }: { role: Role; className?: string }) {
  return (
    <Badge variant={variantFor(role)} className={className}>
      {humanize(role)}
    </Badge>
  );
}

import type * as React from 'react';
import { cn } from '../lib/utils';

/** Up to two initials: first letter of the first and last word ("Ada Lovelace" -> "AL"). */
export function getInitials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0]?.[0] ?? '';
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

export type AvatarProps = React.ComponentProps<'span'> & {
  name: string;
};

export function Avatar({ name, className, ...props }: AvatarProps) {
  return (
    <span
      data-slot="avatar"
      role="img"
      aria-label={name}
      className={cn(
        'relative flex size-8 shrink-0 select-none items-center justify-center overflow-hidden rounded-full bg-muted font-medium text-muted-foreground text-xs',
        className,
      )}
      {...props}
    >
      {getInitials(name)}
    </span>
  );
}

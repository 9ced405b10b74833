'use client';

import { cn } from '@consailt/ui';
import {
  BookOpenIcon,
  BriefcaseIcon,
  ChartColumnIcon,
  HouseIcon,
  LightbulbIcon,
  type LucideIcon,
  MessageSquareIcon,
  NewspaperIcon,
  SearchIcon,
  SettingsIcon,
} from 'lucide-react';
import Link, { useLinkStatus } from 'next/link';
import { usePathname } from 'next/navigation';

type NavItem = { href: string; label: string; icon: LucideIcon };

// Icons are components, which cannot cross the server/client boundary as props, so the list lives here.
export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Home', icon: HouseIcon },
  { href: '/knowledge', label: 'Knowledge', icon: BookOpenIcon },
  { href: '/search', label: 'Search', icon: SearchIcon },
  { href: '/ask', label: 'Ask', icon: MessageSquareIcon },
  { href: '/engagements', label: 'Engagements', icon: BriefcaseIcon },
  { href: '/news', label: 'News', icon: NewspaperIcon },
  { href: '/insights', label: 'Insights', icon: LightbulbIcon },
  { href: '/analytics', label: 'Analytics', icon: ChartColumnIcon },
  { href: '/settings', label: 'Settings', icon: SettingsIcon },
];

function isActive(pathname: string, href: string): boolean {
  if (href === '/') return pathname === '/';
  return pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * Shown on a link while the page it opens is loading. Pages render on the server with their data
 * (no route-wide skeleton, which React reveals no sooner than 300 ms after it paints), so the link
 * itself says that something is happening; the fade-in waits 100 ms, so fast navigations do not flash.
 */
function PendingDot() {
  const { pending } = useLinkStatus();
  return (
    <span
      aria-hidden
      data-pending={pending || undefined}
      className={cn(
        'ml-auto size-1.5 rounded-full bg-current opacity-0',
        pending && 'opacity-100 transition-opacity delay-100 duration-200',
      )}
    />
  );
}

export function NavLinks({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {NAV_ITEMS.map(({ href, label, icon: Icon }) => {
        const active = isActive(pathname, href);
        return (
          <Link
            key={href}
            href={href}
            onClick={onNavigate}
            aria-current={active ? 'page' : undefined}
            className={cn(
              'flex items-center gap-3 rounded-md px-3 py-2 font-medium text-sm transition-colors',
              'text-sidebar-foreground/75 hover:bg-sidebar-accent hover:text-sidebar-accent-foreground',
              'focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sidebar-ring',
              active && 'bg-sidebar-accent text-sidebar-accent-foreground',
            )}
          >
            <Icon className={cn('size-4 shrink-0', active ? 'opacity-100' : 'opacity-70')} aria-hidden />
            {label}
            <PendingDot />
          </Link>
        );
      })}
    </nav>
  );
}

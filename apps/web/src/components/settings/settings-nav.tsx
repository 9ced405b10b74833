'use client';

import { cn } from '@consailt/ui';
import {
  BotIcon,
  Building2Icon,
  CodeIcon,
  KeyRoundIcon,
  ListChecksIcon,
  type LucideIcon,
  ScrollTextIcon,
  ShieldCheckIcon,
  UsersIcon,
  WalletIcon,
} from 'lucide-react';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { Scope } from '@/lib/permissions';
import { useSession } from '../session-provider';

type SettingsSection = { href: string; label: string; icon: LucideIcon; scope?: Scope };

/** Sections a role cannot use are not listed; visiting one directly shows what permission it needs. */
export const SETTINGS_SECTIONS: SettingsSection[] = [
  { href: '/settings/organization', label: 'Organization', icon: Building2Icon },
  { href: '/settings/members', label: 'Members', icon: UsersIcon },
  { href: '/settings/roles', label: 'Roles', icon: ShieldCheckIcon },
  { href: '/settings/api-keys', label: 'API keys', icon: KeyRoundIcon, scope: 'keys:manage' },
  { href: '/settings/api', label: 'API & MCP', icon: CodeIcon },
  { href: '/settings/audit', label: 'Audit log', icon: ScrollTextIcon, scope: 'audit:read' },
  { href: '/settings/ai', label: 'AI', icon: BotIcon, scope: 'ai:use' },
  { href: '/settings/budgets', label: 'Budgets', icon: WalletIcon, scope: 'budgets:manage' },
  { href: '/settings/jobs', label: 'Jobs', icon: ListChecksIcon },
];

export function SettingsNav() {
  const pathname = usePathname();
  const { can } = useSession();
  const sections = SETTINGS_SECTIONS.filter((section) => !section.scope || can(section.scope));

  return (
    <nav aria-label="Settings">
      <ul className="flex flex-wrap gap-1 md:flex-col">
        {sections.map(({ href, label, icon: Icon }) => {
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href} className="shrink-0">
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'flex items-center gap-2 whitespace-nowrap rounded-md px-3 py-2 font-medium text-sm transition-colors',
                  'text-muted-foreground hover:bg-accent hover:text-accent-foreground',
                  'outline-none focus-visible:ring-[3px] focus-visible:ring-ring',
                  active && 'bg-accent text-accent-foreground',
                )}
              >
                <Icon className="size-4 shrink-0" aria-hidden />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

'use client';

import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@consailt/ui';
import { Building2Icon, CheckIcon, ChevronsUpDownIcon, PlusIcon, SettingsIcon } from 'lucide-react';
import Link from 'next/link';
import { humanize } from '@/lib/format';
import type { Role } from './role-badge';
import { useSwitchOrg } from './use-switch-org';

export type OrgOption = { id: string; name: string; role: Role };

export function OrgSwitcher({
  orgs,
  activeOrgId,
  activeOrgName,
  onNavigate,
}: {
  orgs: OrgOption[];
  activeOrgId: string | null;
  activeOrgName: string;
  onNavigate?: () => void;
}) {
  const { switchTo, pending } = useSwitchOrg();

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        className="flex w-full min-w-0 items-center gap-2 rounded-md px-2 py-1.5 text-left outline-none hover:bg-sidebar-accent focus-visible:ring-2 focus-visible:ring-sidebar-ring disabled:opacity-60"
        disabled={pending}
        data-testid="org-switcher"
      >
        {/* The name comes from the content (it must contain the visible text), prefixed for screen readers. */}
        <span className="sr-only">Switch organization. Current:</span>
        <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-sidebar-primary text-sidebar-primary-foreground">
          <Building2Icon className="size-4" aria-hidden />
        </span>
        <span className="flex min-w-0 flex-1 flex-col">
          <span className="truncate font-semibold text-sm" data-testid="org-name">
            {activeOrgName}
          </span>
          <span className="text-muted-foreground text-xs">{pending ? 'Switching…' : 'Consailt'}</span>
        </span>
        <ChevronsUpDownIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-(--radix-dropdown-menu-trigger-width) min-w-60">
        <DropdownMenuLabel className="text-muted-foreground text-xs">Organizations</DropdownMenuLabel>
        {orgs.map((org) => {
          const active = org.id === activeOrgId;
          return (
            <DropdownMenuItem
              key={org.id}
              disabled={active}
              onSelect={() => {
                onNavigate?.();
                void switchTo(org);
              }}
              className="data-[disabled]:opacity-100"
            >
              <span className="flex min-w-0 flex-1 flex-col">
                <span className="truncate">{org.name}</span>
                <span className="text-muted-foreground text-xs">{humanize(org.role)}</span>
              </span>
              {active ? <CheckIcon aria-label="Active" /> : null}
            </DropdownMenuItem>
          );
        })}
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/settings/organization" onClick={onNavigate}>
            <SettingsIcon aria-hidden />
            Organization settings
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem asChild>
          <Link href="/settings/organization#create-organization" onClick={onNavigate}>
            <PlusIcon aria-hidden />
            Create organization
          </Link>
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}

'use client';

import {
  cn,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@consailt/ui';
import { CheckIcon, PlusIcon, SettingsIcon } from 'lucide-react';
import Link from 'next/link';
import { humanize } from '@/lib/format';
import { ORG_TRIGGER_CLASS, OrgSwitcherFace } from './menu-faces';
import type { Role } from './role-badge';
import { useSwitchOrg } from './use-switch-org';

export type OrgOption = { id: string; name: string; role: Role };

export default function OrgSwitcher({
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
        className={cn(ORG_TRIGGER_CLASS, 'disabled:opacity-60')}
        disabled={pending}
        data-testid="org-switcher"
      >
        {/* The name comes from the content (it must contain the visible text), prefixed for screen readers. */}
        <OrgSwitcherFace orgName={activeOrgName} pending={pending} />
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

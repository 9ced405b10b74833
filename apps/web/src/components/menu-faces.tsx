import { Avatar, buttonVariants, cn } from '@consailt/ui';
import { Building2Icon, ChevronsUpDownIcon } from 'lucide-react';

/**
 * What the organization switcher and the user menu show while closed, shared by the menus and the
 * placeholders that stand in for them until their code has loaded (see `lazyAfterHydration`).
 */
export const ORG_TRIGGER_CLASS =
  'flex w-full min-w-0 items-center gap-2 rounded-md px-2 py-1.5 text-left outline-none hover:bg-sidebar-accent focus-visible:ring-2 focus-visible:ring-sidebar-ring';

export function OrgSwitcherFace({ orgName, pending = false }: { orgName: string; pending?: boolean }) {
  return (
    <>
      <span className="sr-only">Switch organization. Current:</span>
      <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-sidebar-primary text-sidebar-primary-foreground">
        <Building2Icon className="size-4" aria-hidden />
      </span>
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="truncate font-semibold text-sm" data-testid="org-name">
          {orgName}
        </span>
        <span className="text-muted-foreground text-xs">{pending ? 'Switching…' : 'Consailt'}</span>
      </span>
      <ChevronsUpDownIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
    </>
  );
}

export function OrgSwitcherPlaceholder({ activeOrgName }: { activeOrgName: string }) {
  return (
    <div className={ORG_TRIGGER_CLASS}>
      <OrgSwitcherFace orgName={activeOrgName} />
    </div>
  );
}

export const USER_TRIGGER_CLASS = 'h-auto w-full min-w-0 justify-start gap-2 px-2 py-1.5 text-left';

export function UserMenuFace({ user }: { user: { name: string; email: string } }) {
  return (
    <>
      <Avatar name={user.name} />
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="truncate font-medium text-sm">{user.name}</span>
        <span className="truncate font-normal text-muted-foreground text-xs">{user.email}</span>
      </span>
      <ChevronsUpDownIcon className="ml-auto text-muted-foreground" aria-hidden />
    </>
  );
}

export function UserMenuPlaceholder({ user }: { user: { name: string; email: string } }) {
  return (
    <div className={cn(buttonVariants({ variant: 'ghost' }), USER_TRIGGER_CLASS)}>
      <UserMenuFace user={user} />
    </div>
  );
}

'use client';

import {
  Avatar,
  Button,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@consailt/ui';
import { ChevronsUpDownIcon, LogOutIcon } from 'lucide-react';
import { useRef } from 'react';
import { type Role, RoleBadge } from './role-badge';

export type UserMenuProps = {
  user: { name: string; email: string };
  role: Role | null;
};

export function UserMenu({ user, role }: UserMenuProps) {
  const signOutForm = useRef<HTMLFormElement>(null);
  return (
    <>
      {/*
        A real form POST lets the route handler clear the httpOnly cookie. It sits outside the menu because
        the menu content unmounts on select, which would cancel a submission started from inside it.
      */}
      <form ref={signOutForm} action="/api/dev/sign-out" method="post" hidden />
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="ghost" className="h-auto w-full min-w-0 justify-start gap-2 px-2 py-1.5 text-left">
            <Avatar name={user.name} />
            <span className="flex min-w-0 flex-1 flex-col">
              <span className="truncate font-medium text-sm">{user.name}</span>
              <span className="truncate font-normal text-muted-foreground text-xs">{user.email}</span>
            </span>
            <ChevronsUpDownIcon className="ml-auto text-muted-foreground" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent
          align="start"
          side="top"
          className="w-(--radix-dropdown-menu-trigger-width) min-w-56"
        >
          <DropdownMenuLabel className="flex flex-col gap-1 font-normal">
            <span className="font-medium text-sm">{user.name}</span>
            <span className="text-muted-foreground text-xs">{user.email}</span>
            {role ? <RoleBadge role={role} className="mt-1" /> : null}
          </DropdownMenuLabel>
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => signOutForm.current?.requestSubmit()}>
            <LogOutIcon aria-hidden />
            Sign out
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
    </>
  );
}

'use client';

import {
  Button,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@consailt/ui';
import { LogOutIcon } from 'lucide-react';
import { useRef } from 'react';
import { USER_TRIGGER_CLASS, UserMenuFace } from './menu-faces';
import { type Role, RoleBadge } from './role-badge';

export type UserMenuProps = {
  user: { name: string; email: string };
  role: Role | null;
};

export default function UserMenu({ user, role }: UserMenuProps) {
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
          <Button variant="ghost" className={USER_TRIGGER_CLASS}>
            <UserMenuFace user={user} />
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

'use client';

import { UserButton } from '@clerk/nextjs';

/** Clerk's account menu (profile, sessions, sign-out); sign-out returns to /sign-in (ClerkProvider). */
export function ClerkUserButton({ user }: { user: { name: string; email: string } }) {
  return (
    <div className="flex min-w-0 items-center gap-2 px-2 py-1.5" data-testid="clerk-user-button">
      <UserButton />
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="truncate font-medium text-sm">{user.name}</span>
        <span className="truncate text-muted-foreground text-xs">{user.email}</span>
      </span>
    </div>
  );
}

'use client';

import { Button, cn } from '@consailt/ui';
import { MenuIcon, XIcon } from 'lucide-react';
import dynamic from 'next/dynamic';
import { usePathname } from 'next/navigation';
import { type ReactNode, useEffect, useState } from 'react';
import { lazyAfterHydration } from '@/hooks/lazy-after-hydration';
import { SearchButton } from './command-palette/search-button';
import { DevBanner } from './dev-banner';
import { OrgSwitcherPlaceholder, UserMenuPlaceholder } from './menu-faces';
import { NavLinks } from './nav-links';
import type { OrgOption } from './org-switcher';
import type { Role } from './role-badge';
import { type ClientSession, SessionProvider } from './session-provider';
import { ThemeToggle } from './theme-toggle';

// The menus' code (Radix, Floating UI) is fetched once the page has hydrated, not before its first paint.
const OrgSwitcher = lazyAfterHydration(() => import('./org-switcher'), OrgSwitcherPlaceholder);
const UserMenu = lazyAfterHydration(() => import('./user-menu'), UserMenuPlaceholder);

// Clerk's components are downloaded only where they render (Clerk configured), never in the embedded mode.
const ClerkOrgSwitcher = dynamic(() => import('./clerk/clerk-org-switcher').then((m) => m.ClerkOrgSwitcher));
const ClerkUserButton = dynamic(() => import('./clerk/clerk-user-button').then((m) => m.ClerkUserButton));

export type AppShellProps = {
  orgName: string;
  user: { name: string; email: string };
  role: Role | null;
  /**
   * Development sign-in (embedded mode) when true; otherwise Clerk, since a deployment without Clerk
   * refuses to boot. Chooses our own organization switcher and user menu or Clerk's.
   */
  devSignIn: boolean;
  /** The full session for client components below (permission checks), and the user's organizations. */
  session: ClientSession;
  orgs: OrgOption[];
  children: ReactNode;
};

function SidebarBody({
  orgName,
  user,
  role,
  orgs,
  activeOrgId,
  devSignIn,
  onNavigate,
}: Pick<AppShellProps, 'orgName' | 'user' | 'role' | 'orgs' | 'devSignIn'> & {
  activeOrgId: string | null;
  onNavigate?: () => void;
}) {
  return (
    <div className="flex h-full flex-col gap-4 p-3">
      <div className="pt-1 pr-10 md:pr-0">
        {devSignIn ? (
          <OrgSwitcher
            orgs={orgs}
            activeOrgId={activeOrgId}
            activeOrgName={orgName}
            onNavigate={onNavigate}
          />
        ) : (
          <ClerkOrgSwitcher />
        )}
      </div>
      <div className="flex-1 overflow-y-auto">
        <NavLinks onNavigate={onNavigate} />
      </div>
      <div className="flex items-center gap-1 border-sidebar-border border-t pt-3">
        <div className="min-w-0 flex-1">
          {devSignIn ? <UserMenu user={user} role={role} /> : <ClerkUserButton user={user} />}
        </div>
        <ThemeToggle />
      </div>
    </div>
  );
}

/** Sidebar layout on md+ screens; below md the sidebar becomes a top bar with a slide-in drawer. */
export function AppShell({ orgName, user, role, devSignIn, session, orgs, children }: AppShellProps) {
  const [mobileOpen, setMobileOpen] = useState(false);
  const pathname = usePathname();

  // Close the drawer after navigation (also covers back/forward, not only link clicks).
  // biome-ignore lint/correctness/useExhaustiveDependencies: pathname is the trigger, not a value read inside.
  useEffect(() => {
    setMobileOpen(false);
  }, [pathname]);

  useEffect(() => {
    if (!mobileOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMobileOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mobileOpen]);

  const sidebarProps = { orgName, user, role, orgs, devSignIn, activeOrgId: session.org?.id ?? null };

  return (
    <SessionProvider session={session}>
      <div className="flex min-h-dvh flex-col">
        {devSignIn ? <DevBanner /> : null}
        <div className="flex flex-1">
          <aside className="hidden w-64 shrink-0 border-sidebar-border border-r bg-sidebar text-sidebar-foreground md:sticky md:top-0 md:block md:h-dvh">
            <SidebarBody {...sidebarProps} />
          </aside>

          <div className="flex min-w-0 flex-1 flex-col">
            {/* On md+ the header carries only search (the sidebar has the rest); below md also the menu. */}
            <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b bg-background/95 px-3 backdrop-blur md:px-8">
              <Button
                variant="ghost"
                size="icon"
                className="md:hidden"
                aria-label="Open navigation"
                aria-expanded={mobileOpen}
                aria-controls="mobile-nav"
                onClick={() => setMobileOpen(true)}
              >
                <MenuIcon />
              </Button>
              <span className="min-w-0 truncate font-semibold text-sm md:hidden">{orgName}</span>
              <div className="ml-auto flex min-w-0 items-center gap-2 md:ml-0">
                <SearchButton />
                <div className="md:hidden">
                  <ThemeToggle />
                </div>
              </div>
            </header>

            <main className="flex-1 px-4 py-6 md:px-8 md:py-8">
              <div className="mx-auto w-full max-w-6xl">{children}</div>
            </main>
          </div>
        </div>

        {/* Mobile drawer: rendered only while open so its links are not duplicated for assistive tech. */}
        {mobileOpen ? (
          <div className="fixed inset-0 z-40 md:hidden">
            <button
              type="button"
              aria-label="Close navigation"
              className="absolute inset-0 bg-black/50"
              onClick={() => setMobileOpen(false)}
            />
            <aside
              id="mobile-nav"
              aria-label="Navigation"
              className={cn(
                'absolute inset-y-0 left-0 flex w-72 max-w-[85vw] flex-col border-sidebar-border border-r bg-sidebar text-sidebar-foreground shadow-xl',
              )}
            >
              <div className="absolute top-3 right-3">
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label="Close navigation"
                  onClick={() => setMobileOpen(false)}
                >
                  <XIcon />
                </Button>
              </div>
              <SidebarBody {...sidebarProps} onNavigate={() => setMobileOpen(false)} />
            </aside>
          </div>
        ) : null}
      </div>
    </SessionProvider>
  );
}

'use client';

import { Button } from '@consailt/ui';
import { MoonIcon, SunIcon } from 'lucide-react';
import { useTheme } from './theme-provider';

export function ThemeToggle() {
  const { resolvedTheme, setTheme } = useTheme();
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label="Toggle dark mode"
      title="Toggle dark mode"
      // Read the live class rather than state: it is correct even before the provider's first effect runs.
      onClick={() => {
        const isDark = document.documentElement.classList.contains('dark');
        setTheme(isDark ? 'light' : 'dark');
      }}
      data-theme={resolvedTheme}
    >
      {/* Icons switch with CSS so the right one shows on the very first paint. */}
      <SunIcon className="hidden dark:block" />
      <MoonIcon className="block dark:hidden" />
    </Button>
  );
}

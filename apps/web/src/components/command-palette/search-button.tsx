'use client';

import { Button } from '@consailt/ui';
import { SearchIcon } from 'lucide-react';
import { useEffect, useState } from 'react';
import { OPEN_COMMAND_PALETTE_EVENT } from './palette-helpers';

/**
 * The header's way into the command palette, for those who do not know the shortcut. The hint says
 * ⌘K on Apple devices and Ctrl K elsewhere; it is decided after hydration so the server HTML matches.
 */
export function SearchButton() {
  const [mac, setMac] = useState(false);
  useEffect(() => {
    setMac(/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent));
  }, []);
  return (
    <Button
      type="button"
      variant="outline"
      size="sm"
      className="min-w-0 justify-start text-muted-foreground sm:w-56"
      aria-keyshortcuts="Meta+K Control+K"
      onClick={() => window.dispatchEvent(new Event(OPEN_COMMAND_PALETTE_EVENT))}
      data-testid="open-palette"
    >
      <SearchIcon aria-hidden />
      <span className="truncate">Search…</span>
      <kbd className="ml-auto hidden rounded border bg-muted px-1 font-mono text-[0.7rem] sm:inline">
        {mac ? '⌘K' : 'Ctrl K'}
      </kbd>
    </Button>
  );
}

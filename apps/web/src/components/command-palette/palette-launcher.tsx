'use client';

import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';
import { isPaletteShortcut, OPEN_COMMAND_PALETTE_EVENT } from './palette-helpers';

// The palette (cmdk, the dialog, its search) is downloaded on first use, not with every page.
const CommandPalette = dynamic(() => import('./command-palette').then((m) => m.CommandPalette), {
  ssr: false,
});

/** Listens for ⌘K / Ctrl-K and the header button, and mounts the palette once it is first opened. */
export function PaletteLauncher() {
  const [open, setOpen] = useState(false);
  const [used, setUsed] = useState(false);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPaletteShortcut(event)) return;
      event.preventDefault();
      setUsed(true);
      setOpen((o) => !o);
    };
    const onOpen = () => {
      setUsed(true);
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener(OPEN_COMMAND_PALETTE_EVENT, onOpen);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener(OPEN_COMMAND_PALETTE_EVENT, onOpen);
    };
  }, []);

  return used ? <CommandPalette open={open} setOpen={setOpen} /> : null;
}

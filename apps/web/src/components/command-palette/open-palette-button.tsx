'use client';

import { Button, type ButtonProps } from '@consailt/ui';
import { CommandIcon } from 'lucide-react';
import { OPEN_COMMAND_PALETTE_EVENT } from './palette-helpers';

/** Opens the command palette (for places where a visible way in helps: empty and not-found states). */
export function OpenPaletteButton({ children = 'Find it', ...props }: ButtonProps) {
  return (
    <Button
      type="button"
      onClick={() => window.dispatchEvent(new Event(OPEN_COMMAND_PALETTE_EVENT))}
      {...props}
    >
      <CommandIcon aria-hidden />
      {children}
      <kbd className="ml-1 rounded border bg-muted px-1 font-mono text-[0.7rem] text-muted-foreground">
        Ctrl K
      </kbd>
    </Button>
  );
}

'use client';

import type * as React from 'react';
import { useControllableState } from '../lib/use-controllable-state';
import { cn } from '../lib/utils';

export type SwitchProps = Omit<React.ComponentProps<'button'>, 'onChange' | 'value' | 'defaultValue'> & {
  checked?: boolean;
  defaultChecked?: boolean;
  onCheckedChange?: (checked: boolean) => void;
};

/**
 * An on/off switch: a button with role "switch" (WAI-ARIA switch pattern; Space and Enter toggle it,
 * as a button). Written without a headless library: it is a few lines, and Radix's version brought
 * ~5 kB of shared runtime to every settings page.
 */
export function Switch({
  className,
  checked,
  defaultChecked = false,
  onCheckedChange,
  onClick,
  ...props
}: SwitchProps) {
  const [on, setOn] = useControllableState(checked, defaultChecked, onCheckedChange);
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      data-state={on ? 'checked' : 'unchecked'}
      data-slot="switch"
      className={cn(
        'peer inline-flex h-5 w-9 shrink-0 items-center rounded-full border border-transparent shadow-xs outline-none transition-all',
        'focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-50',
        'data-[state=checked]:bg-primary data-[state=unchecked]:bg-input dark:data-[state=unchecked]:bg-input/80',
        className,
      )}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented) return;
        setOn(!on);
      }}
      {...props}
    >
      <span
        data-slot="switch-thumb"
        data-state={on ? 'checked' : 'unchecked'}
        className="pointer-events-none block size-4 rounded-full bg-background ring-0 transition-transform data-[state=checked]:translate-x-[calc(100%-2px)] data-[state=unchecked]:translate-x-0.5 dark:data-[state=checked]:bg-primary-foreground dark:data-[state=unchecked]:bg-foreground"
      />
    </button>
  );
}

'use client';

import { CheckIcon, MinusIcon } from 'lucide-react';
import type * as React from 'react';
import { useControllableState } from '../lib/use-controllable-state';
import { cn } from '../lib/utils';

export type CheckedState = boolean | 'indeterminate';

export type CheckboxProps = Omit<React.ComponentProps<'button'>, 'onChange' | 'value' | 'defaultValue'> & {
  checked?: CheckedState;
  defaultChecked?: CheckedState;
  onCheckedChange?: (checked: CheckedState) => void;
};

/**
 * A checkbox as a button with role "checkbox" (WAI-ARIA checkbox pattern, tri-state: "indeterminate"
 * is announced as mixed). A `<label htmlFor>` toggles it, as it does any button. Written without a
 * headless library to keep its ~5 kB out of the pages that list entries.
 */
export function Checkbox({
  className,
  checked,
  defaultChecked = false,
  onCheckedChange,
  onClick,
  ...props
}: CheckboxProps) {
  const [state, setState] = useControllableState<CheckedState>(checked, defaultChecked, onCheckedChange);
  const dataState = state === 'indeterminate' ? 'indeterminate' : state ? 'checked' : 'unchecked';
  return (
    // biome-ignore lint/a11y/useSemanticElements: a tri-state checkbox styled as one box; role and aria-checked give it checkbox semantics, as Radix's does.
    <button
      type="button"
      role="checkbox"
      aria-checked={state === 'indeterminate' ? 'mixed' : state}
      data-state={dataState}
      data-slot="checkbox"
      className={cn(
        'peer inline-flex size-4 shrink-0 items-center justify-center rounded-[4px] border border-input text-current shadow-xs outline-none transition-shadow dark:bg-input/30',
        'focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring disabled:cursor-not-allowed disabled:opacity-50',
        'data-[state=checked]:border-primary data-[state=checked]:bg-primary data-[state=checked]:text-primary-foreground',
        'data-[state=indeterminate]:border-primary data-[state=indeterminate]:bg-primary data-[state=indeterminate]:text-primary-foreground',
        'aria-invalid:border-destructive aria-invalid:ring-destructive/20',
        className,
      )}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented) return;
        // An indeterminate box becomes checked, as a native one does.
        setState(state === 'indeterminate' ? true : !state);
      }}
      {...props}
    >
      {state === 'indeterminate' ? (
        <MinusIcon className="size-3.5" aria-hidden />
      ) : state ? (
        <CheckIcon className="size-3.5" aria-hidden />
      ) : null}
    </button>
  );
}

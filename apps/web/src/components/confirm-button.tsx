'use client';

import { Button, type ButtonProps } from '@consailt/ui';
import { type ReactNode, useState } from 'react';
import { lazyWhenOpen } from '@/hooks/lazy-after-hydration';

const loadDialog = () => import('./confirm-dialog');

/** `ConfirmDialog`, downloaded (with Radix's dialog) the first time it opens. */
export const LazyConfirmDialog = lazyWhenOpen(loadDialog);

/**
 * A button that asks before doing something that cannot be undone. The dialog (Radix, with its
 * focus trap and scroll lock) is downloaded when the button is first hovered, focused or pressed,
 * not with the page: most pages with a delete button never open it.
 */
export function ConfirmButton({
  title,
  description,
  confirmLabel,
  onConfirm,
  destructive = true,
  children,
  onPointerEnter,
  onFocus,
  ...buttonProps
}: Omit<ButtonProps, 'onClick' | 'title'> & {
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  destructive?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        {...buttonProps}
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={(event) => {
          void loadDialog();
          onPointerEnter?.(event);
        }}
        onFocus={(event) => {
          void loadDialog();
          onFocus?.(event);
        }}
        onClick={() => setOpen(true)}
      >
        {children}
      </Button>
      <LazyConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={title}
        description={description}
        confirmLabel={confirmLabel}
        onConfirm={onConfirm}
        destructive={destructive}
      />
    </>
  );
}

'use client';

import { CircleAlertIcon, CircleCheckIcon, InfoIcon, XIcon } from 'lucide-react';
import { useEffect, useSyncExternalStore } from 'react';
import { cn } from '../lib/utils';

export type ToastVariant = 'default' | 'success' | 'error';

export type ToastItem = {
  id: number;
  title: string;
  description?: string;
  variant: ToastVariant;
  /** Milliseconds before it dismisses itself; errors stay longer so they can be read. */
  duration: number;
};

type ToastOptions = { description?: string; duration?: number };

// A tiny module-level store: toasts can be raised from anywhere (mutation callbacks, event handlers)
// without a provider, and one <Toaster /> renders them.
let items: ToastItem[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const EMPTY: ToastItem[] = [];
const MAX_VISIBLE = 4;

function emit() {
  for (const listener of listeners) listener();
}

function add(title: string, variant: ToastVariant, options: ToastOptions = {}): number {
  const id = nextId++;
  const duration = options.duration ?? (variant === 'error' ? 8000 : 4000);
  items = [...items, { id, title, description: options.description, variant, duration }].slice(-MAX_VISIBLE);
  emit();
  return id;
}

function dismiss(id: number) {
  const next = items.filter((item) => item.id !== id);
  if (next.length === items.length) return;
  items = next;
  emit();
}

/** Raise a toast: `toast('Saved')`, `toast.success('Key revoked')`, `toast.error(error.message)`. */
export const toast = Object.assign(
  (title: string, options?: ToastOptions) => add(title, 'default', options),
  {
    success: (title: string, options?: ToastOptions) => add(title, 'success', options),
    error: (title: string, options?: ToastOptions) => add(title, 'error', options),
    dismiss,
  },
);

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const ICONS = { default: InfoIcon, success: CircleCheckIcon, error: CircleAlertIcon } as const;

function ToastCard({ item }: { item: ToastItem }) {
  useEffect(() => {
    const timer = window.setTimeout(() => dismiss(item.id), item.duration);
    return () => window.clearTimeout(timer);
  }, [item.id, item.duration]);

  const Icon = ICONS[item.variant];
  return (
    <li
      data-slot="toast"
      data-variant={item.variant}
      className={cn(
        'pointer-events-auto flex w-full items-start gap-3 rounded-lg border bg-popover p-4 text-popover-foreground text-sm shadow-lg',
        'data-[variant=error]:border-destructive/40 data-[variant=success]:border-emerald-300 dark:data-[variant=success]:border-emerald-800',
        'animate-slide-in motion-reduce:animate-none',
      )}
    >
      <Icon
        className={cn(
          'mt-0.5 size-4 shrink-0',
          item.variant === 'error' && 'text-destructive',
          item.variant === 'success' && 'text-emerald-600 dark:text-emerald-400',
        )}
        aria-hidden
      />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <p className="font-medium leading-snug">{item.title}</p>
        {item.description ? <p className="text-muted-foreground">{item.description}</p> : null}
      </div>
      <button
        type="button"
        onClick={() => dismiss(item.id)}
        aria-label="Dismiss notification"
        className="-m-1 rounded-sm p-1 opacity-70 outline-none hover:opacity-100 focus-visible:ring-[3px] focus-visible:ring-ring"
      >
        <XIcon className="size-4" aria-hidden />
      </button>
    </li>
  );
}

/**
 * Renders raised toasts. Mount once near the root. The two live regions exist before any toast does,
 * so screen readers announce additions: errors assertively, everything else politely.
 */
export function Toaster() {
  const current = useSyncExternalStore(
    subscribe,
    () => items,
    () => EMPTY,
  );
  const errors = current.filter((item) => item.variant === 'error');
  const others = current.filter((item) => item.variant !== 'error');
  const regionClasses = 'pointer-events-none flex flex-col gap-2';
  return (
    <div
      data-slot="toaster"
      className="pointer-events-none fixed inset-x-0 bottom-0 z-[100] flex flex-col gap-2 p-4 sm:right-0 sm:left-auto sm:w-96"
    >
      <ol aria-live="assertive" aria-label="Errors" className={regionClasses}>
        {errors.map((item) => (
          <ToastCard key={item.id} item={item} />
        ))}
      </ol>
      <ol aria-live="polite" aria-label="Notifications" className={regionClasses}>
        {others.map((item) => (
          <ToastCard key={item.id} item={item} />
        ))}
      </ol>
    </div>
  );
}

'use client';

import * as React from 'react';
import { useControllableState } from '../lib/use-controllable-state';
import { cn } from '../lib/utils';

type TabsContextValue = {
  value: string;
  select: (value: string) => void;
  baseId: string;
};

const TabsContext = React.createContext<TabsContextValue | null>(null);

function useTabs(part: string): TabsContextValue {
  const ctx = React.useContext(TabsContext);
  if (!ctx) throw new Error(`<${part}> must be inside <Tabs>`);
  return ctx;
}

const safeId = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_');

export type TabsProps = Omit<React.ComponentProps<'div'>, 'defaultValue' | 'onChange'> & {
  value?: string;
  defaultValue?: string;
  onValueChange?: (value: string) => void;
};

/**
 * Tabs after the WAI-ARIA tabs pattern: a tablist of tabs (arrow keys, Home and End move between
 * them and select, automatic activation), each controlling a tabpanel. Written without a headless
 * library: Radix's version carried its collection and roving-focus runtime (~8 kB) to every page
 * that showed two tabs.
 */
export function Tabs({ className, value, defaultValue = '', onValueChange, ...props }: TabsProps) {
  const [current, select] = useControllableState(value, defaultValue, onValueChange);
  const baseId = React.useId();
  const ctx = React.useMemo<TabsContextValue>(
    () => ({ value: current, baseId, select }),
    [current, baseId, select],
  );
  return (
    <TabsContext.Provider value={ctx}>
      <div data-slot="tabs" className={cn('flex flex-col gap-2', className)} {...props} />
    </TabsContext.Provider>
  );
}

export function TabsList({ className, onKeyDown, ...props }: React.ComponentProps<'div'>) {
  const { select } = useTabs('TabsList');
  return (
    <div
      role="tablist"
      aria-orientation="horizontal"
      data-slot="tabs-list"
      className={cn(
        'inline-flex h-9 w-fit items-center justify-center rounded-lg bg-muted p-[3px] text-muted-foreground',
        className,
      )}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        const tabs = [
          ...event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]:not(:disabled)'),
        ];
        const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
        if (at === -1) return;
        const target =
          event.key === 'ArrowRight'
            ? tabs[(at + 1) % tabs.length]
            : event.key === 'ArrowLeft'
              ? tabs[(at - 1 + tabs.length) % tabs.length]
              : event.key === 'Home'
                ? tabs[0]
                : event.key === 'End'
                  ? tabs.at(-1)
                  : undefined;
        if (!target) return;
        event.preventDefault();
        target.focus();
        const next = target.dataset.value;
        if (next !== undefined) select(next);
      }}
      {...props}
    />
  );
}

export type TabsTriggerProps = Omit<React.ComponentProps<'button'>, 'value'> & { value: string };

export function TabsTrigger({ className, value, onClick, ...props }: TabsTriggerProps) {
  const { value: current, select, baseId } = useTabs('TabsTrigger');
  const active = current === value;
  return (
    <button
      type="button"
      role="tab"
      id={`${baseId}-tab-${safeId(value)}`}
      aria-selected={active}
      aria-controls={`${baseId}-panel-${safeId(value)}`}
      tabIndex={active ? 0 : -1}
      data-state={active ? 'active' : 'inactive'}
      data-value={value}
      data-slot="tabs-trigger"
      className={cn(
        "inline-flex h-[calc(100%-1px)] flex-1 items-center justify-center gap-1.5 whitespace-nowrap rounded-md border border-transparent px-2 py-1 font-medium text-foreground text-sm outline-none transition-[color,box-shadow] disabled:pointer-events-none disabled:opacity-50 [&_svg:not([class*='size-'])]:size-4 [&_svg]:pointer-events-none [&_svg]:shrink-0",
        'focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring',
        'data-[state=active]:bg-background data-[state=active]:shadow-sm dark:text-muted-foreground dark:data-[state=active]:border-input dark:data-[state=active]:bg-input/30 dark:data-[state=active]:text-foreground',
        className,
      )}
      onClick={(event) => {
        onClick?.(event);
        if (!event.defaultPrevented) select(value);
      }}
      {...props}
    />
  );
}

export type TabsContentProps = Omit<React.ComponentProps<'div'>, 'value'> & { value: string };

/** The panel of one tab; only the selected tab's panel is rendered. */
export function TabsContent({ className, value, ...props }: TabsContentProps) {
  const { value: current, baseId } = useTabs('TabsContent');
  if (current !== value) return null;
  return (
    <div
      role="tabpanel"
      id={`${baseId}-panel-${safeId(value)}`}
      aria-labelledby={`${baseId}-tab-${safeId(value)}`}
      data-state="active"
      data-slot="tabs-content"
      className={cn('flex-1 outline-none focus-visible:ring-[3px] focus-visible:ring-ring', className)}
      {...props}
    />
  );
}

'use client';

import { type ComponentType, lazy, Suspense, useEffect, useState } from 'react';

/**
 * A component whose code is downloaded only once the page has hydrated: until then (and on the
 * server) `Placeholder` renders with the same props. For widgets that sit on every page but are not
 * needed for its first paint, such as menus whose library (Radix, Floating UI) would otherwise be
 * part of every route's first-load JavaScript. The placeholder should look like the widget's
 * closed state so nothing moves when it is swapped.
 */
export function lazyAfterHydration<P extends object>(
  load: () => Promise<{ default: ComponentType<P> }>,
  Placeholder: ComponentType<P>,
): ComponentType<P> {
  const Loaded = lazy(load);
  function LazyAfterHydration(props: P) {
    const [hydrated, setHydrated] = useState(false);
    useEffect(() => setHydrated(true), []);
    if (!hydrated) return <Placeholder {...props} />;
    return (
      <Suspense fallback={<Placeholder {...props} />}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  return LazyAfterHydration;
}

/**
 * A dialog whose code is downloaded the first time it opens (a controlled dialog: its parent owns
 * `open`). Nothing renders before that; once loaded it stays mounted so it can animate closed.
 */
export function lazyWhenOpen<P extends { open: boolean }>(
  load: () => Promise<{ default: ComponentType<P> }>,
): ComponentType<P> {
  const Loaded = lazy(load);
  // biome-ignore lint/correctness/noComponentHookFactories: called once per dialog at module level, like `lazy`.
  function LazyWhenOpen(props: P) {
    const [opened, setOpened] = useState(props.open);
    if (props.open && !opened) setOpened(true);
    if (!opened) return null;
    return (
      <Suspense fallback={null}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  return LazyWhenOpen;
}

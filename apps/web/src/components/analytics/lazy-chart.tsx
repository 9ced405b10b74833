'use client';

import { type ReactNode, useEffect, useState } from 'react';

type Recharts = typeof import('recharts');

let loaded: Recharts | null = null;
let loading: Promise<Recharts> | null = null;

/**
 * A chart drawn with recharts, which is downloaded after the page has hydrated instead of with it
 * (it is half of Analytics' JavaScript, and a responsive chart draws nothing on the server anyway).
 * Until it arrives a quiet block of the chart's height holds the place, so nothing moves.
 */
export function LazyChart({ height, render }: { height: number; render: (recharts: Recharts) => ReactNode }) {
  const [recharts, setRecharts] = useState(loaded);
  useEffect(() => {
    if (recharts) return;
    let live = true;
    loading ??= import('recharts');
    void loading.then((module) => {
      loaded = module;
      if (live) setRecharts(module);
    });
    return () => {
      live = false;
    };
  }, [recharts]);
  if (recharts) return render(recharts);
  return <div aria-hidden className="animate-pulse rounded-md bg-muted/50" style={{ height }} />;
}

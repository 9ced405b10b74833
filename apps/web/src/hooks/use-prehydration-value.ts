'use client';

import { type RefObject, useLayoutEffect } from 'react';

/**
 * Keeps what the user typed into a server-rendered text field before React hydrated it.
 *
 * Hydration leaves the field's DOM value alone, but the first re-render of a controlled field writes
 * the state back into it, so keystrokes typed while the page's script was still loading would vanish
 * (a fast typist, or a test, loses the first letters). Right after hydration, before any re-render,
 * this hands the DOM's text to `adopt` when it differs from the state.
 */
export function usePrehydrationValue(
  ref: RefObject<HTMLInputElement | HTMLTextAreaElement | null>,
  stateValue: string,
  adopt: (typed: string) => void,
): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once, at hydration; later input arrives through onChange.
  useLayoutEffect(() => {
    const typed = ref.current?.value;
    if (typed !== undefined && typed !== stateValue) adopt(typed);
  }, []);
}

import * as React from 'react';

/**
 * State that a parent may own (`value` given: controlled) or leave to the component (`value`
 * undefined: starts at `initial`). `set` updates the component's own copy when it owns it and
 * always reports the change.
 */
export function useControllableState<T>(
  value: T | undefined,
  initial: T,
  onChange: ((next: T) => void) | undefined,
): [T, (next: T) => void] {
  const [own, setOwn] = React.useState(initial);
  const current = value ?? own;
  const set = React.useCallback(
    (next: T) => {
      if (value === undefined) setOwn(next);
      onChange?.(next);
    },
    [value, onChange],
  );
  return [current, set];
}

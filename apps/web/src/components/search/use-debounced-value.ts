import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * `value`, once it has stopped changing for `delayMs`: one request per pause in typing, not per key.
 * The update is rendered synchronously (`flushSync`): React then runs the render's effects at once
 * instead of after the next paint, so a query keyed on the value starts its request about a frame
 * (~16 ms) sooner.
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => flushSync(() => setDebounced(value)), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

import { useEffect, useState } from 'react';

/**
 * `flag`, but turning true only once it has stayed true for `delayMs` (false at once). For progress
 * indicators that should not flash on quick work: results as you type mostly arrive within 100 ms,
 * and a spinner started and stopped on every keystroke is noise on screen and an animation the
 * browser renders frame after frame for nothing.
 */
export function useDelayedFlag(flag: boolean, delayMs: number): boolean {
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (!flag) {
      setLate(false);
      return;
    }
    const timer = setTimeout(() => setLate(true), delayMs);
    return () => clearTimeout(timer);
  }, [flag, delayMs]);
  return flag && late;
}

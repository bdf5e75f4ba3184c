import { useEffect, useState } from 'react';

/**
 * The wall clock, re-read every `everyMs`, so "5 min ago" and "in 4 min" stay true on a screen
 * left open. This redraws text only; data still arrives through events, never by polling main.
 */
export function useNow(everyMs = 15_000): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((t) => t + 1), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  // Read at every render too: a render caused by new data must not use a clock 15 s old.
  return Date.now();
}

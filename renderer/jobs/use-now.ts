import { useEffect, useState } from 'react';

/**
 * The wall clock, re-read every `everyMs`, so "5 min ago" and "in 4 min" stay true on a screen
 * left open. This redraws text only; data still arrives through events, never by polling main.
 */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

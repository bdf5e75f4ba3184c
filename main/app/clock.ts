/** Time as the app sees it. Injected everywhere so tests control it. */
export interface Clock {
  now(): Date;
  /** Like setTimeout, but on this clock. Returns a cancel function. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer(ms, fn) {
    const t = setTimeout(fn, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
    return () => clearTimeout(t);
  },
};

/**
 * `fn` over `items` with at most `limit` calls in flight, results in input order. For look-ups one
 * record at a time (InHANCE has no batch read): callers pass a bounded page, so memory is bounded too.
 * After a failure no new call starts; the calls in flight finish, then the first failure is thrown.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    // After a failure no new call starts; calls already in flight finish before we report it, so
    // nothing of this run is still writing once the run has ended.
    while (next < items.length && !failure) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
  return out;
}

/**
 * `compute` with its answers kept, for pure functions asked about the same few keys over and over
 * (a story's names, words, populations, recent headlines). Bounded: once `bound` keys are kept the
 * memo starts again empty, so a stream of new keys cannot grow it without end.
 */
export function boundedMemo<K, V>(compute: (key: K) => V, bound: number): (key: K) => V {
  const kept = new Map<K, V>();
  return (key) => {
    const found = kept.get(key);
    // One look-up when the answer is kept (the usual case); `has` only tells a kept undefined from none.
    if (found !== undefined || kept.has(key)) return found as V;
    if (kept.size >= bound) kept.clear();
    const value = compute(key);
    kept.set(key, value);
    return value;
  };
}

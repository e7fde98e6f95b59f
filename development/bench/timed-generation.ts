/** Records made ahead per clock read: generation is timed apart from the run at a negligible cost. */
const CHUNK_RECORDS = 1_000;

/**
 * Records from a generator, made `CHUNK_RECORDS` at a time so the time spent generating them can be
 * told apart from the time of the run that consumes them (`generatorSeconds()`). Benchmarks that
 * generate their input on the fly report both, so an engine figure is not a generator figure.
 */
export function timedGeneration<T>(generate: Iterable<T>): { records: Iterable<T>; generatorSeconds: () => number } {
  let generatorMs = 0;
  function* records(): Generator<T> {
    const source = generate[Symbol.iterator]();
    const chunk: T[] = [];
    for (;;) {
      const startedAtMs = performance.now();
      let next = source.next();
      while (!next.done) {
        chunk.push(next.value);
        if (chunk.length === CHUNK_RECORDS) break;
        next = source.next();
      }
      generatorMs += performance.now() - startedAtMs;
      yield* chunk;
      chunk.length = 0;
      if (next.done) return;
    }
  }
  return { records: records(), generatorSeconds: () => generatorMs / 1000 };
}

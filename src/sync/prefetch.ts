/**
 * Asks an async iterator for its next item while the caller is still busy with the current one, so
 * the vendor's next page downloads while the last one is written. One item ahead, never more.
 */
export async function* prefetch<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let next = iterator.next();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = iterator.next();
      // A rejection of the prefetched page surfaces when it is awaited, not as an unhandled one.
      next.catch(() => {});
      yield current.value;
    }
  } finally {
    await iterator.return?.();
  }
}

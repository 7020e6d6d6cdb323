/**
 * Coalesces settings patches and writes them after a quiet period, so
 * dragging the splitter or zooming with the wheel costs one write, not a
 * hundred. Later values for a key win; flush() writes immediately.
 *
 * Writes go out one at a time: two requests in flight at once may reach the
 * back end in either order, and an older patch must never land last.
 */
export function createPatchSaver<P extends object>(write: (patch: P) => Promise<unknown>, delayMs = 400, onError: (err: unknown) => void = () => {}) {
  let pending: Partial<P> = {};
  let timer: ReturnType<typeof setTimeout> | null = null;
  let inFlight: Promise<void> = Promise.resolve();

  async function writePending(): Promise<void> {
    const patch = pending;
    pending = {};
    if (Object.keys(patch).length === 0) return;
    try {
      await write(patch as P);
    } catch (err) {
      // Keep what failed so the next save retries it rather than losing it.
      pending = { ...patch, ...pending };
      onError(err);
    }
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    inFlight = inFlight.then(writePending);
    return inFlight;
  }

  return {
    save(patch: Partial<P>): void {
      pending = { ...pending, ...patch };
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
  };
}

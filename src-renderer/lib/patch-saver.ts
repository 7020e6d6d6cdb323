/**
 * Coalesces settings patches and writes them after a quiet period, so
 * dragging the splitter or zooming with the wheel costs one write, not a
 * hundred. Later values for a key win; flush() writes immediately.
 */
export function createPatchSaver<P extends object>(write: (patch: P) => Promise<unknown>, delayMs = 400, onError: (err: unknown) => void = () => {}) {
  let pending: Partial<P> = {};
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
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

  return {
    save(patch: Partial<P>): void {
      pending = { ...pending, ...patch };
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
  };
}

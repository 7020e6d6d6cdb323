/**
 * Runs searches as the user types without ever holding typing up: each
 * keystroke restarts a short debounce, every request carries a ticket, and
 * only the newest request's answer is delivered; an older one that arrives
 * late is dropped (the back end cannot be interrupted mid-query, but its
 * stale answer never reaches the screen).
 */
export interface SearchRunner<P> {
  /** Schedule a search; `immediate` skips the debounce (Enter, a filter change). */
  run(params: P, immediate?: boolean): void;
  /** Drop any pending or in-flight search. */
  cancel(): void;
}

export function createSearchRunner<P, R>(
  search: (params: P) => Promise<R>,
  deliver: (result: R, params: P) => void,
  fail: (err: unknown) => void,
  delayMs = 120,
  onBusy?: (busy: boolean) => void,
): SearchRunner<P> {
  let ticket = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const start = async (params: P, mine: number) => {
    timer = null;
    onBusy?.(true);
    try {
      const result = await search(params);
      if (mine === ticket) deliver(result, params);
    } catch (err) {
      if (mine === ticket) fail(err);
    } finally {
      if (mine === ticket) onBusy?.(false);
    }
  };
  return {
    run(params, immediate = false) {
      const mine = ++ticket;
      if (timer) clearTimeout(timer);
      if (immediate) void start(params, mine);
      else timer = setTimeout(() => void start(params, mine), delayMs);
    },
    cancel() {
      ticket++;
      if (timer) clearTimeout(timer);
      timer = null;
      onBusy?.(false);
    },
  };
}

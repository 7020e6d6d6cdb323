/**
 * A keyed job queue for thumbnails: a few jobs run at a time, finished
 * results are kept (LRU) so scrolling back costs nothing, identical requests
 * share one job, and a job nobody waits for any more is dropped before it
 * starts or aborted while it runs (the list scrolled it out of view).
 */
export interface Ticket<T> {
  promise: Promise<T>;
  /** This caller no longer wants the result; the job stops when no caller does. */
  cancel(): void;
}

interface Entry<T> {
  run: (signal: AbortSignal) => Promise<T>;
  waiters: number;
  started: boolean;
  controller: AbortController;
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

export class CancelledError extends Error {
  override name = 'CancelledError';
}

export interface RenderQueueOptions<T> {
  concurrency?: number;
  /** Finished results kept. */
  keep?: number;
  /** Called when a kept result falls out (e.g. to revoke a blob URL). */
  onEvict?: (value: T) => void;
}

export function createRenderQueue<T>({ concurrency = 1, keep = 200, onEvict }: RenderQueueOptions<T> = {}) {
  const done = new Map<string, T>();
  const entries = new Map<string, Entry<T>>();
  const waiting: string[] = [];
  let running = 0;

  function pump() {
    while (running < concurrency && waiting.length > 0) {
      const key = waiting.shift()!;
      const entry = entries.get(key);
      if (!entry || entry.started) continue;
      entry.started = true;
      running++;
      entry
        .run(entry.controller.signal)
        .then(
          (value) => {
            if (entries.get(key) === entry) {
              entries.delete(key);
              remember(key, value);
            }
            entry.resolve(value);
          },
          (err) => {
            if (entries.get(key) === entry) entries.delete(key);
            entry.reject(err);
          },
        )
        .finally(() => {
          running--;
          pump();
        });
    }
  }

  function remember(key: string, value: T) {
    done.set(key, value);
    while (done.size > keep) {
      const [oldKey, old] = done.entries().next().value as [string, T];
      done.delete(oldKey);
      onEvict?.(old);
    }
  }

  function request(key: string, run: (signal: AbortSignal) => Promise<T>): Ticket<T> {
    const hit = done.get(key);
    if (hit !== undefined) {
      // Refresh its place in the LRU.
      done.delete(key);
      done.set(key, hit);
      return { promise: Promise.resolve(hit), cancel: () => {} };
    }
    let entry = entries.get(key);
    if (!entry) {
      let resolve!: (v: T) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      // Nobody may be listening when a cancelled job rejects.
      promise.catch(() => {});
      entry = { run, waiters: 0, started: false, controller: new AbortController(), promise, resolve, reject };
      entries.set(key, entry);
      waiting.push(key);
    }
    entry.waiters++;
    const mine = entry;
    let cancelled = false;
    queueMicrotask(pump);
    return {
      promise: mine.promise,
      cancel() {
        if (cancelled) return;
        cancelled = true;
        if (--mine.waiters > 0 || entries.get(key) !== mine) return;
        entries.delete(key);
        mine.controller.abort();
        if (!mine.started) {
          const at = waiting.indexOf(key);
          if (at >= 0) waiting.splice(at, 1);
        }
        mine.reject(new CancelledError(`${key}: no longer wanted`));
      },
    };
  }

  return {
    request,
    /** For tests and diagnostics. */
    stats: () => ({ running, waiting: waiting.length, kept: done.size }),
  };
}

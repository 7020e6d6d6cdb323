/**
 * The import time each file of a batch gets when its turn comes (ImportInput.queuedAt, the document's imported_at).
 * Date.now() moves in whole milliseconds, so files taken one after another often got the same time; the library's
 * "imported" order (newest first, ties by id) then showed them in the order of their SHA-256 ids, not the order the
 * archivist picked them, and the first spelling of a title (newspaper-names.ts, min(imported_at)) was a coin toss.
 * Each time given is at least a millisecond after the one before it in this process: distinct and increasing in
 * the order taken, and never more than the batch's length in milliseconds ahead of the clock.
 */
export function queuedAtClock(now: () => number = Date.now): () => string {
  let last = -Infinity;
  return () => {
    last = Math.max(now(), last + 1);
    return new Date(last).toISOString();
  };
}

/** The process's clock: two imports running at once (the app's drop and its menu) share it, so no two files tie. */
export const nextQueuedAt = queuedAtClock();

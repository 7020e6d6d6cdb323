/** At most this many page counts a second per file (an event each): the window's bar moves, the bridge is not flooded. */
export const PAGE_PROGRESS_MS = 250;

/** Pages stored of the file being imported, and its page count (0 while not known: a text dump is split as it streams). */
export type PageProgress = (page: number, pages: number) => void;

/**
 * `report`, called at most once every `everyMs` (the first call `everyMs` after the file began): a 2,000-page
 * PDF stores a page every few milliseconds, and each count would otherwise be an event to the window.
 */
export function throttledPageProgress(report: PageProgress, everyMs = PAGE_PROGRESS_MS, now: () => number = () => performance.now()): PageProgress {
  let last = now();
  return (page, pages) => {
    const t = now();
    if (t - last < everyMs) return;
    last = t;
    report(page, pages);
  };
}

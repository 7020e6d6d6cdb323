import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Full collections an extraction worker asks for itself. Left to its own
 * heuristics, V8 lets a worker's heap grow to about twice what is live and
 * keeps it there: over a 2,000-page import each worker's heap stood at
 * 140–170 MB around 50–85 MB of live objects (heap snapshots), most of the
 * gap the garbage of pages long done (their text items, glyph tables and
 * JSON). A full collection every COLLECT_EVERY_PAGES pages holds each
 * worker near 100 MB. It is memory for time: on the generated 200-page CJK
 * file (~45 ms a page) peak RSS fell from ~590 to ~420 MB but CPU rose from
 * ~8.4 to ~10-11 s (quiet machine); a scan page costs ten times more, so
 * the collection weighs less there. Capping the old generation instead
 * (resourceLimits) made V8 collect on nearly every page near the cap.
 */
export const COLLECT_EVERY_PAGES = 32;

type Gc = (opts?: { type: 'major'; execution: 'sync'; flavor: 'regular' | 'last-resort' }) => void;
let gc: Gc | null = null;

/**
 * A full, compacting collection of this thread's heap. `shrink`: V8's
 * "last resort" collection, which also gives the emptied pages back to the
 * system. A plain one leaves them committed: after each of three photo-link
 * windows (150 pages) the main thread's heap stood at 57, 92 then 161 MB
 * with 18 MB live, and RSS with it; shrinking brought it back to ~15 MB
 * (and RSS to where it started) each time.
 */
export function collectGarbage(shrink = false): void {
  if (!gc) {
    // --expose-gc puts `gc` on contexts made after it is set: a fresh one hands it over.
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as Gc;
  }
  if (shrink) gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  else gc();
}

/** collectGarbage(true): what to call after a burst of short-lived objects on a long-lived thread. */
export const shrinkHeap = (): void => collectGarbage(true);

/**
 * shrinkHeap, only when this thread's heap holds more than `slackBytes`
 * beyond what is in use (a burst V8 left committed); true if it shrank.
 * Asking costs microseconds, so a long import can ask every hundred pages:
 * over a 10,000-page import the main thread's heap went from ~20 MB to
 * 87–116 MB (24–41 MB used) after page ~6,800, most of the peak's margin.
 */
export function shrinkHeapIfSlack(slackBytes: number): boolean {
  const { total_heap_size, used_heap_size } = getHeapStatistics();
  if (total_heap_size - used_heap_size <= slackBytes) return false;
  shrinkHeap();
  return true;
}

/** Counts pages and collects every COLLECT_EVERY_PAGES of them, and once more at a long job's end. */
export class PageCollector {
  private since = 0;
  private total = 0;

  private readonly collectNow: (shrink: boolean) => void;

  constructor(collectNow: (shrink: boolean) => void = collectGarbage) {
    this.collectNow = collectNow;
  }

  page(): void {
    this.total++;
    if (++this.since >= COLLECT_EVERY_PAGES) this.collect();
  }

  /**
   * The job is over: a long one leaves its garbage collected, so an idle
   * worker does not sit on it while the library links photos. A one-page
   * file (a batch of scans) does not pay a collection each.
   */
  end(): void {
    // Shrinking: the idle worker gives its emptied pages back, rather than sitting on a long job's peak while photos are
    // linked (a 200-page import's peak moved there once linking had a thread of its own).
    if (this.total >= COLLECT_EVERY_PAGES) this.collect(true);
    this.since = 0;
    this.total = 0;
  }

  private collect(shrink = false): void {
    this.since = 0;
    this.collectNow(shrink);
  }
}

import type { LibraryStore } from '../library/library-store.ts';
import { DocumentStateTracker } from './document-state-tracker.ts';
import type { EventBus } from './event-bus.ts';

/** How often the library is checked for other processes' writes: one PRAGMA, microseconds. */
export const LIBRARY_WATCH_MS = 1000;

/**
 * Tells open windows when another process (the CLI's `import`, a second
 * app) changed the library, so its documents appear without a reload.
 * Polls SQLite's data_version rather than watching files: it is exact (it
 * moves on every commit by another connection, never on our own), portable,
 * and needs no file-system events that network drives and WAL checkpoints
 * make unreliable. The event names the documents that changed, and those
 * whose pages (or row) changed, so a reader with one of them open reads its
 * page again (a re-import from the CLI that laid it out from its ALTO).
 * A commit that touched only bookkeeping (an import's row in `imports`, its
 * heartbeat, its pages before their document) is not told: the window would
 * reload its list for nothing.
 */
export function watchLibrary(store: LibraryStore, events: EventBus, intervalMs = LIBRARY_WATCH_MS): () => void {
  let seen = store.dataVersion();
  // Each document's state (document-states.ts) when last looked at, to say which ones another process changed.
  // Read whole on the first tick, not here: at 10,000 documents it is tens of milliseconds the app's start need not
  // wait for; then only what was added since (document-state-tracker.ts).
  const tracker = new DocumentStateTracker(store.db);
  let looked = false;
  // The counters of changes to documents (migration 4) and to what else the app shows (migration 13), when last
  // looked at: data_version moves with every commit by another process, these only with one worth a refresh. An
  // import's bookkeeping (its row in imports, its heartbeat, its pages before their document) moves neither.
  let counters = readCounters(store);
  // This process's own changes (its imports, removals) are told by their handlers: taken as seen at the next tick, so
  // the next change by another process is not said to include them.
  let ownChanges = false;
  let emitting = false;
  const unsubscribe = events.subscribe((event) => {
    if (event === 'library.changed' && !emitting) ownChanges = true;
  });
  const timer = setInterval(() => {
    let now: number;
    let changed: { ids: string[]; pages: string[] } | null;
    let nowCounters: Counters;
    // One read transaction: the counters and data_version (read after them, so from the same snapshot) agree.
    try {
      // This process inside a transaction of its own (held across an await): its snapshot is read as it is.
      const own = !store.db.isTransaction;
      if (own) store.db.exec('BEGIN');
      try {
        nowCounters = readCounters(store);
        now = store.dataVersion();
        if (now === seen && looked && !ownChanges) {
          // No other process committed: counters that moved moved with this process's own writes.
          counters = nowCounters;
          return;
        }
        changed = tracker.update();
      } finally {
        if (own) store.db.exec('COMMIT');
      }
    } catch {
      return; // closed or busy: try again next tick
    }
    looked = true;
    ownChanges = false;
    const before = counters;
    counters = nowCounters;
    if (now === seen) return;
    seen = now;
    // Changed before the first look: which documents is not known, an empty list says "refresh the list".
    const { ids, pages } = changed ?? { ids: [], pages: [] };
    // Only bookkeeping changed: nothing to redraw.
    if (changed && ids.length === 0 && nowCounters.documents === before.documents && nowCounters.content === before.content) return;
    // An empty list also when only another table changed (settings, annotations, titles) or a document's row in a way
    // no reader shows (its fixity check): the list looks again.
    emitting = true;
    try {
      events.emit('library.changed', { ids, ...(pages.length ? { pages } : {}) });
    } finally {
      emitting = false;
    }
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}

interface Counters {
  documents: number;
  content: number;
}

function readCounters(store: LibraryStore): Counters {
  return store.db.prepare('SELECT (SELECT version FROM documents_version) AS documents, (SELECT version FROM content_version) AS content').get() as unknown as Counters;
}

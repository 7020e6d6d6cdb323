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
 */
export function watchLibrary(store: LibraryStore, events: EventBus, intervalMs = LIBRARY_WATCH_MS): () => void {
  let seen = store.dataVersion();
  // Each document's state (document-states.ts) when last looked at, to say which ones another process changed.
  // Read whole on the first tick, not here: at 10,000 documents it is tens of milliseconds the app's start need not
  // wait for; then only what was added since (document-state-tracker.ts).
  const tracker = new DocumentStateTracker(store.db);
  let looked = false;
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
    try {
      now = store.dataVersion();
      if (now === seen && looked && !ownChanges) return;
      changed = tracker.update();
    } catch {
      return; // closed or busy: try again next tick
    }
    looked = true;
    ownChanges = false;
    if (now === seen) return;
    seen = now;
    // Changed before the first look: which documents is not known, an empty list says "refresh the list".
    const { ids, pages } = changed ?? { ids: [], pages: [] };
    // An empty list also when only another table changed (settings, annotations, titles).
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

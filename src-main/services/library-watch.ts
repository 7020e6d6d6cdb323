import type { LibraryStore } from '../library/library-store.ts';
import { changedDocuments, readDocumentStates } from './document-states.ts';
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
  // Which documents the other process changed: each document's state now and at the last change (document-states.ts).
  let states = readDocumentStates(store.db);
  let emitting = false;
  // This process's own changes (its imports, removals) are told by their handlers: taken as seen, so the next
  // change by another process is not said to include them. Unless another process wrote meanwhile (the tick tells).
  const unsubscribe = events.subscribe((event) => {
    if (event !== 'library.changed' || emitting) return;
    try {
      if (store.dataVersion() === seen) states = readDocumentStates(store.db);
    } catch {
      // closed: nothing more to watch
    }
  });
  const timer = setInterval(() => {
    let now: number;
    let next: typeof states;
    try {
      now = store.dataVersion();
      if (now === seen) return;
      next = readDocumentStates(store.db);
    } catch {
      return; // closed or busy: try again next tick
    }
    seen = now;
    const { ids, pages } = changedDocuments(states, next);
    states = next;
    // An empty list still says "refresh the list" (another table changed: settings, annotations, titles).
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

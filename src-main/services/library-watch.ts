import type { LibraryStore } from '../library/library-store.ts';
import type { EventBus } from './event-bus.ts';

/** How often the library is checked for other processes' writes: one PRAGMA, microseconds. */
export const LIBRARY_WATCH_MS = 1000;

/**
 * Tells open windows when another process (the CLI's `import`, a second
 * app) changed the library, so its documents appear without a reload.
 * Polls SQLite's data_version rather than watching files: it is exact (it
 * moves on every commit by another connection, never on our own), portable,
 * and needs no file-system events that network drives and WAL checkpoints
 * make unreliable.
 */
export function watchLibrary(store: LibraryStore, events: EventBus, intervalMs = LIBRARY_WATCH_MS): () => void {
  let seen = store.dataVersion();
  const timer = setInterval(() => {
    let now: number;
    try {
      now = store.dataVersion();
    } catch {
      return; // closed or busy: try again next tick
    }
    if (now === seen) return;
    seen = now;
    // Which documents changed is not known here: an empty list means "refresh the list".
    events.emit('library.changed', { ids: [] });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

import type { DatabaseSync } from 'node:sqlite';

const SQLITE_BUSY = 5;
const RETRY_MS = 20;

/**
 * Switches a connection to WAL, waiting out other processes. Why not just the
 * PRAGMA: SQLite answers "database is locked" at once, without calling the
 * busy handler, when another connection holds a write lock on a file still in
 * rollback mode (measured: 1 ms with a 2 s timeout). That is exactly the
 * moment several processes open one new library or index together: one is
 * creating the file while the others switch it. So the switch is retried
 * until `timeoutMs`, like any other busy wait.
 */
export function enableWal(db: DatabaseSync, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
      return;
    } catch (err) {
      const code = (err as { errcode?: unknown }).errcode;
      if (typeof code !== 'number' || (code & 0xff) !== SQLITE_BUSY || Date.now() >= deadline) throw err;
      // A synchronous pause: the callers open their files synchronously, in constructors.
      Atomics.wait(pause, 0, 0, RETRY_MS);
    }
  }
}

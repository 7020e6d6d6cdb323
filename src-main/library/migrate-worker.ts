import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { dataVersion } from './library-backup.ts';
import { migrate, MIGRATIONS, StaleBackup } from './migrations.ts';

/**
 * Runs an older library's migrations off the app's main thread (library-migration.ts), over this thread's own
 * connection: at 10,000 scans they hold the thread for seconds, and in Electron the main thread answers every window's
 * request, so a window could not even be told the library is being updated. PRAGMA data_version counts other
 * connections' commits per connection: it is read here, on the connection that migrates, before the main thread's
 * backup begins, and compared under the migration's write lock (migrations.ts runPending).
 */

const { dbFile, busyTimeoutMs } = workerData as { dbFile: string; busyTimeoutMs: number };
const port = parentPort!;
const db = new DatabaseSync(dbFile, { timeout: busyTimeoutMs });
const before = dataVersion(db);
port.postMessage({ kind: 'ready' });
port.once('message', ({ backup }: { backup: string }) => {
  try {
    const report = migrate(db, dbFile, MIGRATIONS, undefined, { path: backup, dataVersion: before });
    port.postMessage({ kind: 'migrated', report });
  } catch (err) {
    // One line naming the file: SQLite's own reasons ("table … already exists", "database is locked") name none.
    const reason = String((err as Error).message).split('\n')[0]!;
    port.postMessage({ kind: err instanceof StaleBackup ? 'stale' : 'failed', message: reason.startsWith(dbFile) ? reason : `${dbFile}: ${reason}` });
  } finally {
    db.close();
  }
});

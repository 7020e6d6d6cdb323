import { Worker } from 'node:worker_threads';
import type { MigrationReport } from './migrations.ts';

/** Where migrate-worker.ts is when the sources run as they are (the CLI's host, tests); Electron's bundle says its own. */
export const DEFAULT_MIGRATE_WORKER_URL = new URL('./migrate-worker.ts', import.meta.url);

/** What migrate-worker.ts answers once it has run the migrations, or could not. */
type Answer = { kind: 'ready' } | { kind: 'migrated'; report: MigrationReport } | { kind: 'stale' | 'failed'; message: string };

/** The migration could not run: another process wrote since the backup began (migrations.ts StaleBackup); take another. */
export class StaleBackupOffThread extends Error {}

/**
 * A worker thread ready to migrate the library at `dbFile` (migrate-worker.ts), its connection open and its count of
 * other connections' commits read: start it before the backup's copy begins, then `run` it with the backup once that
 * is whole and checked. Rejects with the migration's own one-line error (naming the file and the reason), or
 * StaleBackupOffThread.
 */
export async function migrationWorker(dbFile: string, busyTimeoutMs: number, workerUrl: URL | string = DEFAULT_MIGRATE_WORKER_URL) {
  const worker = new Worker(workerUrl, { workerData: { dbFile, busyTimeoutMs } });
  let answer = Promise.withResolvers<Answer>();
  // What ended the thread before it answered, for an answer asked after (a crash during the backup).
  let gone: Error | null = null;
  worker.on('message', (a: Answer) => answer.resolve(a));
  worker.once('error', (err) => answer.reject((gone = err)));
  worker.once('exit', (code) => answer.reject((gone ??= new Error(`${dbFile}: the update stopped (exit code ${code})`))));
  const settled = async (): Promise<Answer> => {
    try {
      return await answer.promise;
    } catch (err) {
      await worker.terminate();
      throw err;
    }
  };
  const ready = await settled();
  if (ready.kind !== 'ready') throw new Error(`${dbFile}: the update did not start`);
  return {
    async run(backup: string): Promise<MigrationReport> {
      answer = Promise.withResolvers<Answer>();
      if (gone) answer.reject(gone);
      else worker.postMessage({ backup });
      const done = await settled();
      // Its connection closed with the answer: the thread ends on its own, nothing left to wait for.
      if (done.kind === 'migrated') return done.report;
      if (done.kind === 'stale') throw new StaleBackupOffThread(done.message);
      throw new Error(done.kind === 'failed' ? done.message : `${dbFile}: the update answered out of turn`);
    },
    /** No migration after all (the backup failed): the thread ends without one. */
    stop: () => worker.terminate().then(() => {}),
  };
}

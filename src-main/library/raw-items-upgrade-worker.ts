import { DatabaseSync } from 'node:sqlite';
import { workerData } from 'node:worker_threads';
import { shrinkHeapIfSlack } from '../extract/worker-gc.ts';
import { answerRequests } from '../workers/answer-requests.ts';
import { convertRawItemsBatch, type UpgradeBatch } from './raw-items-upgrade.ts';

/**
 * Converts stored pages' raw items a batch at a time (raw-items-upgrade.ts)
 * off the main thread, over this thread's own connection: ~20 ms of parsing
 * and encoding a page that the app's requests never wait behind. WAL lets
 * the main thread read the whole time; it writes only for a batch's short
 * transaction.
 */

const { dbFile, busyTimeoutMs, batchPages } = workerData as { dbFile: string; busyTimeoutMs: number; batchPages?: number };
const db = new DatabaseSync(dbFile, { timeout: busyTimeoutMs });
db.exec('PRAGMA synchronous = NORMAL;');

answerRequests((): UpgradeBatch => convertRawItemsBatch(db, { pages: batchPages }), {
  // A batch parses tens of MB of JSON: give the memory back when it piles up.
  after: () => void shrinkHeapIfSlack(64 * 1024 * 1024),
  onClose: () => db.close(),
});

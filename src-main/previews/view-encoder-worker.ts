import { DatabaseSync } from 'node:sqlite';
import { workerData } from 'node:worker_threads';
import type { CleanedPage } from '../../core/page-model.ts';
import { encodePageView } from '../../core/page-view/page-view-codec.ts';
import { answerRequests } from '../workers/answer-requests.ts';
import { joinRawPage } from '../library/raw-items-codec.ts';

/**
 * Encodes pages' compact views (core/page-view) off the main thread: parsing
 * a dense scan's stored model (1.5 MB of JSON) and encoding it took 0.2–2 s
 * of the event loop per page on this machine (view-encoder.ts), during which
 * the reader's requests waited. Reads the library read-only; the main thread
 * stores the result.
 */
export interface ViewRequest {
  docId: string;
  page: number;
}

const db = new DatabaseSync((workerData as { dbPath: string }).dbPath, { readOnly: true });
db.exec('PRAGMA busy_timeout = 5000');
const read = db.prepare('SELECT raw, raw_items, cleaned FROM pages WHERE doc_id = ? AND number = ?');

answerRequests((msg: ViewRequest) => {
  const row = read.get(msg.docId, msg.page) as { raw: string; raw_items: Uint8Array | null; cleaned: string } | undefined;
  if (!row) return null;
  const raw = joinRawPage(row.raw, row.raw_items, `document ${msg.docId} page ${msg.page}`);
  return JSON.stringify(encodePageView({ ...raw, ...(JSON.parse(row.cleaned) as CleanedPage) }));
});

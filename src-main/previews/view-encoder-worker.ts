import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import type { CleanedPage } from '../../core/page-model.ts';
import { encodePageView } from '../../core/page-view/page-view-codec.ts';
import { joinRawPage } from '../library/raw-items-codec.ts';

/**
 * Encodes pages' compact views (core/page-view) off the main thread: parsing
 * a dense scan's stored model (1.5 MB of JSON) and encoding it took 0.2–2 s
 * of the event loop per page on this machine (view-encoder.ts), during which
 * the reader's requests waited. Reads the library read-only; the main thread
 * stores the result.
 */
const port = parentPort;
if (!port) throw new Error('view-encoder-worker.ts must run as a worker thread');

const db = new DatabaseSync((workerData as { dbPath: string }).dbPath, { readOnly: true });
db.exec('PRAGMA busy_timeout = 5000');
const read = db.prepare('SELECT raw, raw_items, cleaned FROM pages WHERE doc_id = ? AND number = ?');

port.on('message', (msg: { job: number; docId: string; page: number }) => {
  try {
    const row = read.get(msg.docId, msg.page) as { raw: string; raw_items: Uint8Array | null; cleaned: string } | undefined;
    const raw = row && joinRawPage(row.raw, row.raw_items, `document ${msg.docId} page ${msg.page}`);
    const wire = row ? JSON.stringify(encodePageView({ ...raw!, ...(JSON.parse(row.cleaned) as CleanedPage) })) : null;
    port.postMessage({ job: msg.job, wire });
  } catch (err) {
    port.postMessage({ job: msg.job, error: (err as Error).message.split('\n')[0] });
  }
});

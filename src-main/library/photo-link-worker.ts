import { DatabaseSync } from 'node:sqlite';
import { workerData } from 'node:worker_threads';
import { shrinkHeap } from '../extract/worker-gc.ts';
import { answerRequests } from '../workers/answer-requests.ts';
import { linkWindow, relinkDocument } from './photo-links.ts';
import type { PhotoLinkRequest } from './photo-link-thread.ts';

/**
 * Links a document's photos off the main thread (photo-link-thread.ts): the
 * same linkWindow / relinkDocument the main thread used to run, over this
 * thread's own connection to the library (WAL: the pages the main thread
 * stores are visible here as soon as each is written).
 */

const { dbFile, docId, busyTimeoutMs } = workerData as { dbFile: string; docId: string; busyTimeoutMs: number };
const db = new DatabaseSync(dbFile, { timeout: busyTimeoutMs });
db.exec('PRAGMA synchronous = NORMAL;');

answerRequests((msg: PhotoLinkRequest) => (msg.type === 'window' ? linkWindow(db, docId, msg.from) : relinkDocument(db, docId)), {
  // A window's paragraphs and term lists are tens of MB of short-lived objects: give the pages back (worker-gc.ts).
  after: shrinkHeap,
});

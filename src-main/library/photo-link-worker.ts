import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import { shrinkHeap } from '../extract/worker-gc.ts';
import { linkWindow, relinkDocument } from './photo-links.ts';
import type { PhotoLinkReply, PhotoLinkRequest } from './photo-link-thread.ts';

/**
 * Links a document's photos off the main thread (photo-link-thread.ts): the
 * same linkWindow / relinkDocument the main thread used to run, over this
 * thread's own connection to the library (WAL: the pages the main thread
 * stores are visible here as soon as each is written).
 */

const port = parentPort;
if (!port) throw new Error('photo-link-worker.ts must run as a worker thread');
const { dbFile, docId, busyTimeoutMs } = workerData as { dbFile: string; docId: string; busyTimeoutMs: number };
const db = new DatabaseSync(dbFile, { timeout: busyTimeoutMs });
db.exec('PRAGMA synchronous = NORMAL;');

port.on('message', (msg: PhotoLinkRequest) => {
  let reply: PhotoLinkReply;
  try {
    const photos = msg.type === 'window' ? linkWindow(db, docId, msg.from) : relinkDocument(db, docId);
    reply = { id: msg.id, photos };
  } catch (err) {
    reply = { id: msg.id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
  // A window's paragraphs and term lists are tens of MB of short-lived objects: give the pages back (worker-gc.ts).
  shrinkHeap();
});

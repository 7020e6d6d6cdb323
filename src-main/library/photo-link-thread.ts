import type { DatabaseSync } from 'node:sqlite';
import { WorkerClient } from '../workers/worker-client.ts';
import { BUSY_TIMEOUT_MS } from './library-store.ts';

/**
 * Photo linking on a worker thread. A window of a long document (100 pages
 * and 25 either side) took ~650 ms of CPU on the generated CJK pages: ~180 ms
 * for SQLite to pick the blocks out of the cleaned JSON, ~420 ms to link, ~40
 * ms to store the links; on Electron's main thread that is IPC unanswered for
 * as long, every 100 pages of an import. The worker opens its own connection
 * to the library and runs the very same functions (photo-links.ts), so the
 * links are those the main thread would have stored.
 */

export type PhotoLinkRequest = { type: 'window'; from: number } | { type: 'whole' };

export const DEFAULT_PHOTO_LINK_WORKER_URL = new URL('./photo-link-worker.ts', import.meta.url);

export class PhotoLinkThread {
  /** Answers the photos linked. A worker that died fails every later request with its error: no restart mid-import. */
  readonly #worker: WorkerClient<PhotoLinkRequest, number>;

  /** `db`: the library's connection (the worker opens the same file); one document's photos. */
  constructor(db: DatabaseSync, docId: string, workerUrl: URL | string = DEFAULT_PHOTO_LINK_WORKER_URL) {
    const dbFile = db.location();
    if (!dbFile) throw new Error('photo linking off the main thread needs a library on disk');
    this.#worker = new WorkerClient({
      name: 'photo linking worker',
      url: workerUrl,
      workerData: { dbFile, docId, busyTimeoutMs: BUSY_TIMEOUT_MS },
      // A small young generation, as the extraction workers have: linking makes short-lived garbage.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
      errorPrefix: 'photo linking failed: ',
    });
  }

  /** Links the window of a long document starting at page `from` (photo-links.ts linkWindow). */
  window(from: number): Promise<number> {
    return this.#worker.request({ type: 'window', from });
  }

  /** Links the whole document in one pass (relinkDocument). */
  whole(): Promise<number> {
    return this.#worker.request({ type: 'whole' });
  }

  /** Ends the worker (and with it everything its heap held). */
  close(): Promise<void> {
    return this.#worker.close();
  }
}

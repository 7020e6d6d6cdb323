import { Worker } from 'node:worker_threads';
import type { DatabaseSync } from 'node:sqlite';
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

export type PhotoLinkRequest = { id: number; type: 'window'; from: number } | { id: number; type: 'whole' };
export type PhotoLinkReply = { id: number; photos: number; error?: undefined } | { id: number; error: string };

export const DEFAULT_PHOTO_LINK_WORKER_URL = new URL('./photo-link-worker.ts', import.meta.url);

export class PhotoLinkThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (photos: number) => void; reject: (err: Error) => void }>();
  #next = 1;
  #failed: Error | null = null;

  /** `db`: the library's connection (the worker opens the same file); one document's photos. */
  constructor(db: DatabaseSync, docId: string, workerUrl: URL | string = DEFAULT_PHOTO_LINK_WORKER_URL) {
    const dbFile = db.location();
    if (!dbFile) throw new Error('photo linking off the main thread needs a library on disk');
    // A small young generation, as the extraction workers have: linking makes short-lived garbage.
    this.#worker = new Worker(workerUrl, { workerData: { dbFile, docId, busyTimeoutMs: BUSY_TIMEOUT_MS }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.#worker.on('message', (msg: PhotoLinkReply) => {
      const job = this.#pending.get(msg.id);
      if (!job) return;
      this.#pending.delete(msg.id);
      if (msg.error !== undefined) job.reject(new Error(`photo linking failed: ${msg.error}`));
      else job.resolve(msg.photos);
    });
    const fail = (err: Error) => {
      this.#failed ??= err;
      for (const job of this.#pending.values()) job.reject(err);
      this.#pending.clear();
    };
    this.#worker.on('error', (err) => fail(new Error(`photo linking worker crashed: ${err.message.split('\n')[0]}`)));
    this.#worker.on('exit', (code) => fail(new Error(`photo linking worker exited (code ${code})`)));
  }

  /** Links the window of a long document starting at page `from` (photo-links.ts linkWindow). */
  window(from: number): Promise<number> {
    return this.#ask({ id: this.#next++, type: 'window', from });
  }

  /** Links the whole document in one pass (relinkDocument). */
  whole(): Promise<number> {
    return this.#ask({ id: this.#next++, type: 'whole' });
  }

  #ask(msg: PhotoLinkRequest): Promise<number> {
    if (this.#failed) return Promise.reject(this.#failed);
    return new Promise((resolve, reject) => {
      this.#pending.set(msg.id, { resolve, reject });
      this.#worker.postMessage(msg);
    });
  }

  /** Ends the worker (and with it everything its heap held). */
  async close(): Promise<void> {
    this.#failed ??= new Error('photo linking worker closed');
    await this.#worker.terminate();
  }
}

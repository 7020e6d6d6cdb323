import { WorkerClient } from '../workers/worker-client.ts';
import type { EventBus } from '../services/event-bus.ts';
import { foreground } from '../services/foreground.ts';
import { BUSY_TIMEOUT_MS, type LibraryStore } from './library-store.ts';
import { pendingRawItems, type UpgradeBatch } from './raw-items-upgrade.ts';

/**
 * The app's side of converting pages stored before migration 11
 * (raw-items-upgrade.ts): batches on a worker thread with its own connection
 * (raw-items-upgrade-worker.ts), one after another, each after a turn for
 * the app's requests (services/foreground.ts: not before the first screenful
 * at start), with `library.upgrade` events the app shows as a progress bar.
 * A library with nothing left to convert costs one count of an empty table
 * and no worker. A batch that fails (the disk is full, the library locked for
 * longer than the busy timeout) ends the pass with one line on stderr; what
 * is left is taken up at the next start.
 */

export const DEFAULT_RAW_ITEMS_WORKER_URL = new URL('./raw-items-upgrade-worker.ts', import.meta.url);

export interface UpgradeProgress {
  /** Pages converted (or left as they are) so far in this pass, and how many it covers; total 0: nothing left. */
  done: number;
  total: number;
}

export class RawItemsUpgradePass {
  readonly #store: LibraryStore;
  readonly #events?: EventBus;
  readonly #workerUrl: URL | string;
  readonly #batchPages?: number;
  #worker: WorkerClient<null, UpgradeBatch> | null = null;
  #running: Promise<void> | null = null;
  #closed = false;
  #progress: UpgradeProgress | null = null;
  /** Batches written by this pass (tests stop it part-way by them). */
  batches = 0;

  constructor(store: LibraryStore, events?: EventBus, opts: { workerUrl?: URL | string; batchPages?: number } = {}) {
    this.#store = store;
    this.#events = events;
    this.#workerUrl = opts.workerUrl ?? DEFAULT_RAW_ITEMS_WORKER_URL;
    this.#batchPages = opts.batchPages;
  }

  /** Non-null while converting. */
  status(): UpgradeProgress | null {
    return this.#progress;
  }

  /** Converts what is left; resolves when nothing is (or the pass failed, or was closed). Once per process. */
  run(): Promise<void> {
    return (this.#running ??= this.#pass());
  }

  async #pass(): Promise<void> {
    const total = pendingRawItems(this.#store.db);
    if (total === 0 || this.#closed) return;
    const dbFile = this.#store.db.location();
    if (!dbFile) return;
    this.#worker = new WorkerClient({
      name: 'raw items upgrade worker',
      url: this.#workerUrl,
      workerData: { dbFile, busyTimeoutMs: BUSY_TIMEOUT_MS, batchPages: this.#batchPages },
      // A small young generation, as the other workers have: a batch is short-lived JSON.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
      errorPrefix: 'converting stored pages: ',
    });
    try {
      for (let left = total; left > 0 && !this.#closed; ) {
        await foreground.turn();
        if (this.#closed) break;
        // Said before each batch, after the turn: at start the app's window has connected by then (a first event
        // sent while the services open reaches no one).
        this.#setProgress({ done: Math.max(0, total - left), total });
        left = (await this.#worker.request(null)).left;
        this.batches++;
      }
    } catch (err) {
      if (!this.#closed) console.error(`library ${this.#store.dir}: ${err instanceof Error ? err.message : String(err)}; the rest is converted at the next start`);
    } finally {
      if (!this.#closed) this.#setProgress(null);
      await this.#worker?.close({ finishFirst: true });
    }
  }

  #setProgress(p: UpgradeProgress | null): void {
    this.#progress = p;
    this.#events?.emit('library.upgrade', p ?? { done: 0, total: 0 });
  }

  /** Stops after the batch in flight (it is written whole, never cut off) and ends the worker. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#worker?.close({ finishFirst: true });
    await this.#running;
  }
}

import { join } from 'node:path';
import { BUSY_TIMEOUT_MS } from '../library/library-store.ts';
import { WorkerClient } from '../workers/worker-client.ts';
import type { IndexBlock, IndexLayer, IndexPageInput } from './search-index.ts';

/**
 * The search index's writes on a worker thread (search-index-worker.ts).
 * Measured on a 10,000-page import (bench/ingest-memory-trace.ts): the
 * batches of an importing document's text the index takes as the pages
 * come (stored-page-texts.ts) cost the main thread 12.6 s of CPU in ~350
 * handlers of 20–100 ms, the event loop stalling up to 1.2 s; in Electron
 * that thread answers IPC. Here a batch costs the main thread the copy of
 * its text into a message.
 *
 * One worker, one connection, every write in the order it was asked for:
 * a correction sent after an import's batches is written after them, and a
 * document re-indexed whole is followed by its corrections (SearchService
 * sends them after it). Queries stay on the main thread's own connection:
 * WAL lets it read what the worker committed.
 */

export type SearchIndexRequest =
  | { type: 'stream'; doc: string; pages: IndexPageInput[] }
  | { type: 'drop'; doc: string }
  /** Completes a streamed document with `rest`, or (rest null, or its streamed rows gone) indexes it whole from the library. */
  | { type: 'document'; doc: string; pageCount: number; rest: IndexPageInput[] | null }
  | { type: 'page'; doc: string; page: number; blocks: IndexBlock[]; opts: { layer: IndexLayer; raw?: string } }
  | { type: 'remove'; doc: string }
  | { type: 'matched'; stamp: string }
  /** Answers once every earlier request is written. */
  | { type: 'settled' };

export const DEFAULT_SEARCH_INDEX_WORKER_URL = new URL('./search-index-worker.ts', import.meta.url);

export class SearchIndexThread {
  /** One worker, never restarted: a write lost with a worker that died must not be followed by later ones as if it were there. */
  readonly #worker: WorkerClient<SearchIndexRequest, void>;
  readonly #written: () => void;
  /** Characters of page text sent and not yet written, and the most there ever were (the bench prints it). */
  #queuedChars = 0;
  maxQueuedChars = 0;

  /** `libraryDir`: the library (search.sqlite and library.sqlite in it). `written`: after each write the worker made. */
  constructor(libraryDir: string, written: () => void, workerUrl: URL | string = DEFAULT_SEARCH_INDEX_WORKER_URL) {
    this.#written = written;
    this.#worker = new WorkerClient({
      name: 'search index worker',
      url: workerUrl,
      workerData: { libraryDir, libraryFile: join(libraryDir, 'library.sqlite'), busyTimeoutMs: BUSY_TIMEOUT_MS },
      // A small young generation, as the other workers have: indexing makes short-lived strings.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
      errorPrefix: 'search index: ',
    });
  }

  /** Sends a request; its errors are logged (no one waits for it). */
  send(msg: SearchIndexRequest): void {
    this.ask(msg).catch((err: Error) => console.error(err.message));
  }

  /** Sends a request and resolves once it is written (rejects with its error). */
  ask(msg: SearchIndexRequest): Promise<void> {
    const chars = msg.type === 'stream' ? msg.pages.reduce((n, p) => n + p.raw.length + p.blocks.reduce((m, b) => m + b.text.length, 0), 0) : 0;
    this.#queuedChars += chars;
    this.maxQueuedChars = Math.max(this.maxQueuedChars, this.#queuedChars);
    const reply = this.#worker.request(msg);
    // Before the caller hears of it: whoever waited for a write may query what it wrote.
    const written = () => {
      this.#queuedChars -= chars;
      this.#written();
    };
    reply.then(written, written);
    return reply;
  }

  /** Resolves once everything sent so far is written. */
  settled(): Promise<void> {
    return this.ask({ type: 'settled' });
  }

  /** Writes what was sent, then ends the worker. */
  close(): Promise<void> {
    return this.#worker.close({ finishFirst: true });
  }
}

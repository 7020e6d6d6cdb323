import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { BUSY_TIMEOUT_MS } from '../library/library-store.ts';
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

export type SearchIndexRequest = { seq: number } & (
  | { type: 'stream'; doc: string; pages: IndexPageInput[] }
  | { type: 'drop'; doc: string }
  /** Completes a streamed document with `rest`, or (rest null, or its streamed rows gone) indexes it whole from the library. */
  | { type: 'document'; doc: string; pageCount: number; rest: IndexPageInput[] | null }
  | { type: 'page'; doc: string; page: number; blocks: IndexBlock[]; opts: { layer: IndexLayer; raw?: string } }
  | { type: 'remove'; doc: string }
  | { type: 'matched'; stamp: string }
  /** Answers once every earlier request is written. */
  | { type: 'settled' }
  | { type: 'close' }
);
export type SearchIndexReply = { seq: number; error?: string };

type Request = SearchIndexRequest extends infer R ? (R extends { seq: number } ? Omit<R, 'seq'> : never) : never;

export const DEFAULT_SEARCH_INDEX_WORKER_URL = new URL('./search-index-worker.ts', import.meta.url);

export class SearchIndexThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  readonly #written: () => void;
  #next = 1;
  #failed: Error | null = null;
  #exited: Promise<void>;
  /** Characters of page text sent and not yet written, and the most there ever were (the bench prints it). */
  #queuedChars = 0;
  #charsOf = new Map<number, number>();
  maxQueuedChars = 0;

  /** `libraryDir`: the library (search.sqlite and library.sqlite in it). `written`: after each write the worker made. */
  constructor(libraryDir: string, written: () => void, workerUrl: URL | string = DEFAULT_SEARCH_INDEX_WORKER_URL) {
    this.#written = written;
    this.#worker = new Worker(workerUrl, {
      workerData: { libraryDir, libraryFile: join(libraryDir, 'library.sqlite'), busyTimeoutMs: BUSY_TIMEOUT_MS },
      // A small young generation, as the other workers have: indexing makes short-lived strings.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    this.#worker.on('message', (msg: SearchIndexReply) => {
      this.#queuedChars -= this.#charsOf.get(msg.seq) ?? 0;
      this.#charsOf.delete(msg.seq);
      this.#written();
      const job = this.#pending.get(msg.seq);
      if (msg.error !== undefined) {
        const err = new Error(`search index: ${msg.error}`);
        if (job) job.reject(err);
        else console.error(err.message);
      } else job?.resolve();
      this.#pending.delete(msg.seq);
    });
    const fail = (err: Error) => {
      this.#failed ??= err;
      for (const job of this.#pending.values()) job.reject(err);
      this.#pending.clear();
    };
    this.#worker.on('error', (err) => fail(new Error(`search index worker crashed: ${err.message.split('\n')[0]}`)));
    this.#exited = new Promise((resolve) =>
      this.#worker.once('exit', (code) => {
        fail(new Error(`search index worker exited (code ${code})`));
        resolve();
      }),
    );
  }

  /** Sends a request; its errors are logged (no one waits for it). */
  send(msg: Request): void {
    if (this.#failed) {
      console.error(`search index: ${this.#failed.message}`);
      return;
    }
    const seq = this.#next++;
    if (msg.type === 'stream') {
      const chars = msg.pages.reduce((n, p) => n + p.raw.length + p.blocks.reduce((m, b) => m + b.text.length, 0), 0);
      this.#charsOf.set(seq, chars);
      this.#queuedChars += chars;
      this.maxQueuedChars = Math.max(this.maxQueuedChars, this.#queuedChars);
    }
    this.#worker.postMessage({ ...msg, seq });
  }

  /** Sends a request and resolves once it is written (rejects with its error). */
  ask(msg: Request): Promise<void> {
    if (this.#failed) return Promise.reject(this.#failed);
    const seq = this.#next;
    const done = new Promise<void>((resolve, reject) => this.#pending.set(seq, { resolve, reject }));
    this.send(msg);
    return done;
  }

  /** Resolves once everything sent so far is written. */
  settled(): Promise<void> {
    return this.ask({ type: 'settled' });
  }

  /** Writes what was sent, then ends the worker. */
  async close(): Promise<void> {
    if (!this.#failed) this.#worker.postMessage({ type: 'close', seq: this.#next++ });
    await this.#exited;
  }
}

import { availableParallelism } from 'node:os';
import { createExtractPool } from '../extract/extract-pool.ts';
import type { PageProcessor } from './import-service.ts';

export interface ProcessorOptions {
  /** The extraction worker's script, when a bundler emitted it somewhere else (Electron build). */
  workerUrl?: URL | string;
}

/** Workers one document is shared among: the machines we target have two cores. */
const SHARDS = Math.max(1, Math.min(2, availableParallelism()));
/**
 * Each shard's worker holds the whole file and pdf.js's parse of it, so a
 * very large file goes to one worker: slower, but half the peak memory.
 */
export const SINGLE_SHARD_BYTES = 96 * 1024 * 1024;

/**
 * The processor the app hosts and the import command use: PDFs go to the
 * worker pool, which extracts and cleans, so neither pdf.js nor cleaning runs
 * on Electron's main thread or the host's event loop. Text dumps go there too:
 * a worker decodes, splits and cleans them a page at a time.
 */

export function createProcessor(opts: ProcessorOptions = {}): PageProcessor & { close(): Promise<void> } {
  const pool = createExtractPool({ workerUrl: opts.workerUrl });
  return {
    async process(kind, data, onPage, opts = {}) {
      if (kind === 'text') {
        const { pageCount } = await pool.extract(data, (raw, cleaned) => onPage(raw, cleaned!), { clean: true, format: 'text' });
        return { pageCount };
      }
      // One document, two workers: each takes every other page, so a long file (or a batch
      // imported file by file) keeps both cores busy. Pages are stored by number, so their
      // arrival order does not matter.
      const n = data.length > SINGLE_SHARD_BYTES ? 1 : SHARDS;
      const shards = await Promise.all(
        Array.from({ length: n }, (_, k) =>
          // The pool transfers (detaches) what it is given: every shard but the last gets its own copy.
          pool.extract(k === n - 1 ? data : new Uint8Array(data), (raw, cleaned) => onPage(raw, cleaned!), { clean: true, shard: [k, n], alto: opts.alto ?? undefined }),
        ),
      );
      const pageCount = shards.reduce((sum, s) => sum + s.pageCount, 0);
      if (pageCount === 0) throw new Error('no pages');
      return { pageCount, title: shards[0].info.title };
    },
    close: () => pool.close(),
  };
}

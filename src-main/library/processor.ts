import { createExtractPool } from '../extract/extract-pool.ts';
import type { PageProcessor } from './import-service.ts';
import { inThreadProcessor } from './in-thread-processor.ts';

export interface ProcessorOptions {
  /** The extraction worker's script, when a bundler emitted it somewhere else (Electron build). */
  workerUrl?: URL | string;
}

/**
 * The processor the app hosts and the import command use: PDFs go to the
 * worker pool, which extracts and cleans (pdf.js and cleaning never runs on Electron's main thread or the host's
 * event loop, and two files extract on two cores); text dumps are small and
 * cleaned in place.
 */
export function createProcessor(opts: ProcessorOptions = {}): PageProcessor & { close(): Promise<void> } {
  const pool = createExtractPool({ workerUrl: opts.workerUrl });
  return {
    async process(kind, data, onPage) {
      if (kind === 'text') return inThreadProcessor.process(kind, data, onPage);
      const { pageCount, info } = await pool.extract(data, (raw, cleaned) => onPage(raw, cleaned!), { clean: true });
      if (pageCount === 0) throw new Error('no pages');
      return { pageCount, title: info.title };
    },
    close: () => pool.close(),
  };
}

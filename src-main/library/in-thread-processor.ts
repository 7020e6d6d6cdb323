import { cleanPage, cleanPageWithAlto } from '../../core/cleaning/clean-page.ts';
import { extractPages } from '../extract/extract-pdf.ts';
import { ProcessedPage } from '../extract/processed-page.ts';
import { textDumpRawPages } from '../extract/text-dump-pages.ts';
import type { PageProcessor } from './import-service.ts';

/**
 * Extracts and cleans on the calling thread. The CLI's `extract` and the
 * ingest workers use it; the app hands files to the worker pool instead so
 * that neither Electron's main thread nor the host's event loop stalls.
 */
export const inThreadProcessor: PageProcessor = {
  async process(kind, data, onPage, opts = {}) {
    if (kind === 'text') {
      let pageCount = 0;
      for (const raw of textDumpRawPages(data)) {
        onPage(ProcessedPage.of(raw, cleanPage(raw)));
        pageCount++;
      }
      return { pageCount };
    }
    let pageCount = 0;
    let title: string | undefined;
    // pdf.js refuses Node Buffers; a plain view over the same bytes is fine.
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    for await (const raw of extractPages(bytes, {}, (info) => {
      title = info.title;
      if (info.pageCount) opts.onPageCount?.(info.pageCount);
    })) {
      onPage(ProcessedPage.of(raw, opts.alto ? cleanPageWithAlto(raw, opts.alto) : cleanPage(raw)));
      pageCount++;
    }
    if (pageCount === 0) throw new Error('no pages');
    return { pageCount, title };
  },
};

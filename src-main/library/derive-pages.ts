import type { SourceKind } from '../../core/library-model.ts';
import type { ProcessedPage } from '../extract/processed-page.ts';
import type { PageProcessor, ProcessOptions } from './import-service.ts';
import type { LibraryStore } from './library-store.ts';
import { shrinkHeap, shrinkHeapIfSlack } from '../extract/worker-gc.ts';
import { PhotoLinkThread } from './photo-link-thread.ts';
import { WindowedRelink } from './photo-links.ts';

/** How often a long import looks at the calling thread's heap, and the slack it gives back (worker-gc.ts shrinkHeapIfSlack). */
const SLACK_CHECK_PAGES = 100;
const SLACK_BYTES = 48 << 20;

/**
 * Everything the library derives from a document's original, stored page by
 * page through `addPage`: raw and cleaned pages, then the photos linked to
 * paragraphs across the document (a link may point to another page, so
 * linking waits for the pages it reads, and writes into the stored cleaned
 * pages: a long document window by window while it is stored, see
 * WindowedRelink).
 * Import and `verify --repair` both go through here, so a rebuilt page is
 * the page import stored.
 */
export async function derivePages(
  store: LibraryStore,
  processor: PageProcessor,
  id: string,
  kind: SourceKind,
  bytes: Uint8Array,
  addPage: (page: ProcessedPage) => void,
  opts: ProcessOptions = {},
): Promise<{ pageCount: number; title?: string }> {
  // Off the main thread when the processor says where the worker is (photo-link-thread.ts): in Electron the main thread answers IPC.
  const workerUrl = processor.photoLinkWorkerUrl;
  let stored = 0;
  const relink = new WindowedRelink(store.db, id, shrinkHeap, workerUrl ? () => new PhotoLinkThread(store.db, id, workerUrl) : undefined);
  try {
    const result = await processor.process(
      kind,
      bytes,
      (page) => {
        addPage(page);
        relink.pageStored(page.number);
        // With photos linked elsewhere, nothing else gives this thread's heap back during a long import.
        if (workerUrl && ++stored % SLACK_CHECK_PAGES === 0) shrinkHeapIfSlack(SLACK_BYTES);
      },
      opts,
    );
    // A one-page PDF came with its photos linked (link-lone-page.ts): nothing is left to link.
    if (!result.photosLinked) await relink.finished();
    return { pageCount: result.pageCount, ...(result.title !== undefined ? { title: result.title } : {}) };
  } finally {
    await relink.close();
  }
}

import type { SourceKind } from '../../core/library-model.ts';
import type { ProcessedPage } from '../extract/processed-page.ts';
import type { PageProcessor, ProcessOptions } from './import-service.ts';
import type { LibraryStore } from './library-store.ts';
import { shrinkHeap } from '../extract/worker-gc.ts';
import { PhotoLinkThread } from './photo-link-thread.ts';
import { WindowedRelink } from './photo-links.ts';

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
  const relink = new WindowedRelink(store.db, id, shrinkHeap, workerUrl ? () => new PhotoLinkThread(store.db, id, workerUrl) : undefined);
  try {
    const result = await processor.process(
      kind,
      bytes,
      (page) => {
        addPage(page);
        relink.pageStored(page.number);
      },
      opts,
    );
    await relink.finished();
    return result;
  } finally {
    await relink.close();
  }
}

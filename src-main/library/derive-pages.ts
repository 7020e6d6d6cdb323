import type { SourceKind } from '../../core/library-model.ts';
import type { ProcessedPage } from '../extract/processed-page.ts';
import type { PageProcessor, ProcessOptions } from './import-service.ts';
import type { LibraryStore } from './library-store.ts';
import { shrinkHeap } from '../extract/worker-gc.ts';
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
  const relink = new WindowedRelink(store.db, id, shrinkHeap);
  const result = await processor.process(
    kind,
    bytes,
    (page) => {
      addPage(page);
      relink.pageStored(page.number);
    },
    opts,
  );
  relink.finish();
  return result;
}

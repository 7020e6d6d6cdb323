import type { SourceKind } from '../../core/library-model.ts';
import type { ProcessedPage } from '../extract/processed-page.ts';
import type { PageProcessor, ProcessOptions } from './import-service.ts';
import type { LibraryStore } from './library-store.ts';
import { relinkDocument } from './photo-links.ts';

/**
 * Everything the library derives from a document's original, stored page by
 * page through `addPage`: raw and cleaned pages, then the photos linked to
 * paragraphs across the whole document (a link may point to any page, so
 * linking waits for the last one and writes into the stored cleaned pages).
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
  const result = await processor.process(kind, bytes, addPage, opts);
  relinkDocument(store.db, id);
  return result;
}

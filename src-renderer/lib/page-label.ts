import type { DocumentSummary } from '../../core/library-model.ts';

/**
 * The name of page `n` (1-based place in its file) as the archivist reads it on the paper and in the library list:
 * the printed label or number when known ("7", "A1"), else its place in the file. A one-page file is one printed page
 * (an NDNP page: its METS label); in a many-page file the pages follow its first printed number.
 */
export function printedPageLabel(doc: Pick<DocumentSummary, 'pageLabel' | 'page' | 'pageCount'> | undefined, n: number): string {
  if (!doc) return String(n);
  if (doc.pageCount <= 1) return doc.pageLabel || (doc.page != null ? String(doc.page) : String(n));
  return String(doc.page != null ? doc.page + n - 1 : n);
}

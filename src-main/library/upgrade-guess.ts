import type { DocumentMetadata, DocumentPlacement } from '../../core/library-model.ts';
import type { LibraryStore } from './library-store.ts';

/**
 * A document already in the library, imported again with better metadata:
 * the same scan first given on its own (newspaper and date guessed from its
 * file name or PDF title), then with its issue METS. The METS replaces the
 * guess; what the archivist saved (metadata_source 'archivist') or a METS
 * already gave is never overwritten. The PDF's own title is kept, and so is
 * a guessed printed page number when the METS gives none (a LoC page METS
 * often has no `page number` detail: its `start` is the sequence, not the
 * printed number). True when the document changed.
 */
export function upgradeGuessedMetadata(store: LibraryStore, id: string, meta: Partial<DocumentMetadata> | undefined, placement: DocumentPlacement | undefined): boolean {
  if (!meta || !placement?.issue) return false;
  const result = store.db
    .prepare(
      `UPDATE documents SET newspaper = ?, date = ?, page = COALESCE(?, page), edition = ?, lccn = ?, issue = ?, sequence = ?, page_label = ?, volume = ?, number = ?,
         metadata_source = 'mets'
       WHERE id = ? AND metadata_source = 'guess'`,
    )
    .run(
      meta.newspaper ?? '', meta.date ?? '', meta.page ?? null, meta.edition ?? '',
      placement.lccn, placement.issue, placement.sequence, placement.pageLabel, placement.volume, placement.number,
      id,
    );
  return Number(result.changes) > 0;
}

import type { DocumentMetadata, DocumentPlacement } from '../../../core/library-model.ts';
import type { LibraryStore } from '../library-store.ts';
import type { NdnpPageMeta } from './batch-plan.ts';

/** A planned NDNP page's metadata and placement, as every import path stores them (a title named for its LCCN wins). */
export function plannedMetadata(store: LibraryStore, m: NdnpPageMeta): { meta: Partial<DocumentMetadata>; placement: DocumentPlacement } {
  return {
    meta: { newspaper: store.titleName(m.lccn) || m.newspaper || m.lccn, date: m.date, edition: m.edition, page: /^\d+$/.test(m.pageNumber) ? Number(m.pageNumber) : null },
    placement: { lccn: m.lccn, issue: m.issue, sequence: m.sequence, pageLabel: m.pageNumber, volume: m.volume, number: m.number },
  };
}

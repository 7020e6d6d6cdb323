import { encodeLibraryColumns, type LibraryColumns } from '../../core/library-columns.ts';
import type { DocumentSummary } from '../../core/library-model.ts';
import type { LibraryStore, ListQuery } from './library-store.ts';

/**
 * `library.columns`: the document list as columns (core/library-columns.ts),
 * whole or one window of it. The store keeps the whole list until the
 * documents_version counter moves; its columns are kept beside it (same
 * array, same columns), so a second window or a reload costs no encoding.
 */
const encoded = new WeakMap<readonly DocumentSummary[], LibraryColumns>();

export function listColumns(store: LibraryStore, query: ListQuery & { offset?: number; limit?: number }): LibraryColumns {
  const { offset = 0, limit, ...rest } = query;
  // No sort: the archivist's (settings), so the renderer can ask for its first screenful before it has read the settings.
  const filter = { ...rest, sort: rest.sort ?? store.settings().librarySort };
  if (limit !== undefined) {
    const { docs, total, version } = store.listWindow(filter, offset, limit);
    return encodeLibraryColumns(docs, { version, total, offset, sort: filter.sort });
  }
  const docs = store.list(filter);
  let cols = encoded.get(docs);
  if (!cols) encoded.set(docs, (cols = encodeLibraryColumns(docs, { version: store.documentsVersion(), sort: filter.sort })));
  return offset ? encodeLibraryColumns(docs.slice(offset), { version: cols.version, total: docs.length, offset, sort: filter.sort }) : cols;
}

import type { MetadataSource } from '../../core/library-model.ts';
import { newspaperIndex, type NewspaperIndex } from '../../core/newspaper-titles.ts';
import type { LibraryStore } from './library-store.ts';

type Spelling = { newspaper: string; lccn: string; metadataSource: MetadataSource; importedAt: string };

/**
 * The library's one name per newspaper title (core/newspaper-titles.ts), for
 * a command that names a few documents (a search's hits): the grouping needs
 * every document's spelling, but not the rest of its row. `store.list()` reads
 * and converts every row (200–400 ms at 10,000 documents); SQLite counts the
 * few distinct spellings instead, and each count stands for that many
 * documents, and carries the first import of its spelling, so the spelling
 * imported first wins as it does in the app and `list` (a search named the
 * commonest instead, a different name from `list` for the same page).
 */
export function libraryNewspaperNames(store: LibraryStore): NewspaperIndex<Spelling> {
  const rows = store.db
    .prepare('SELECT newspaper, lccn, metadata_source AS metadataSource, min(imported_at) AS importedAt, count(*) AS n FROM documents GROUP BY newspaper, lccn, metadata_source')
    .all() as unknown as Array<Spelling & { n: number }>;
  const docs: Spelling[] = [];
  for (const { n, ...spelling } of rows) for (let k = 0; k < n; k++) docs.push(spelling);
  return newspaperIndex(docs);
}

import type { MetadataSource } from '../../core/library-model.ts';
import { newspaperIndex, type NewspaperIndex } from '../../core/newspaper-titles.ts';
import type { LibraryStore } from './library-store.ts';

type Spelling = { newspaper: string; lccn: string; metadataSource: MetadataSource };

/**
 * The library's one name per newspaper title (core/newspaper-titles.ts), for
 * a command that names a few documents (a search's hits): the grouping needs
 * every document's spelling, but not the rest of its row. `store.list()` reads
 * and converts every row (200–400 ms at 10,000 documents); SQLite counts the
 * few distinct spellings instead, and each count stands for that many
 * documents, so the commonest spelling still wins as it does in the app.
 */
export function libraryNewspaperNames(store: LibraryStore): NewspaperIndex<Spelling> {
  const rows = store.db
    .prepare('SELECT newspaper, lccn, metadata_source AS metadataSource, count(*) AS n FROM documents GROUP BY newspaper, lccn, metadata_source')
    .all() as unknown as Array<Spelling & { n: number }>;
  const docs: Spelling[] = [];
  for (const { n, ...spelling } of rows) for (let k = 0; k < n; k++) docs.push(spelling);
  return newspaperIndex(docs);
}

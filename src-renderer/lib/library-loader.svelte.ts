import { columnRows, decodeLibraryColumns, type LibraryColumns } from '../../core/library-columns.ts';
import type { DocumentSummary, LibrarySort } from '../../core/library-model.ts';
import { archive } from './archive.ts';

/**
 * Loads the document list the fast way: the first screenful (one small
 * `library.columns` window, sorted and cut by SQLite) is shown at once, then
 * the whole list follows as columns, a fifth of `library.list`'s bytes. At
 * 10,000 documents the list is on screen and usable before the whole of it
 * has arrived; filtering and browsing work on the whole list once it has.
 *
 * `localStorage['broadsheet.libraryLoad'] = 'list'` takes the old path (one
 * `library.list` of objects) so `npm run bench:library` can measure both in
 * one run.
 */

/** Rows in the first window: more than a tall window shows (78 px a row). */
export const FIRST_WINDOW = 40;

/** What the library panel shows while the rest of the list is on its way. */
export const libraryLoad = $state({ loading: false, total: 0 });

let loadedOnce = false;

/**
 * The first window is asked for as this module loads, in the settings' own
 * order, while the rest of the app is still being evaluated and the settings
 * are on their way: one round trip less before the first row.
 */
let early: Promise<LibraryColumns> | null = legacyPath() ? null : archive.call('library.columns', { limit: FIRST_WINDOW });
early?.catch(() => {});

function legacyPath(): boolean {
  try {
    return localStorage.getItem('broadsheet.libraryLoad') === 'list';
  } catch {
    return false;
  }
}

/**
 * Resolves with the whole list; `show` gets the first window before that
 * (only on the first load: later reloads already have a list on screen).
 */
export async function loadLibrary(sort: LibrarySort, show: (docs: DocumentSummary[]) => void): Promise<DocumentSummary[]> {
  if (legacyPath()) return archive.call('library.list', { sort });
  const firstLoad = !loadedOnce;
  libraryLoad.loading = firstLoad;
  try {
    if (firstLoad) {
      const prefetched = early && (await early.catch(() => null));
      early = null;
      const first = prefetched?.sort === sort ? prefetched : await archive.call('library.columns', { sort, limit: FIRST_WINDOW });
      const docs = decodeLibraryColumns(first);
      libraryLoad.total = first.total;
      if (columnRows(first) >= first.total) {
        loadedOnce = true;
        return docs;
      }
      show(docs);
    }
    const all = decodeLibraryColumns(await archive.call('library.columns', { sort }));
    loadedOnce = true;
    libraryLoad.total = all.length;
    return all;
  } finally {
    libraryLoad.loading = false;
  }
}

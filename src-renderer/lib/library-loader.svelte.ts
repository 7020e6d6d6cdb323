import { columnRows, decodeLibraryColumns } from '../../core/library-columns.ts';
import type { DocumentSummary, LibrarySort } from '../../core/library-model.ts';
import { afterNextPaint } from './after-paint.ts';
import { notePreviewFlags } from './preview-flags.ts';
import { archive } from './archive.ts';
import { FIRST_WINDOW, legacyLibraryLoad, takeStartColumns } from './start-requests.ts';

/**
 * Loads the document list the fast way: the first screenful (one small
 * `library.columns` window, sorted and cut by SQLite) is shown at once, then
 * the whole list follows as columns, a fifth of `library.list`'s bytes. At
 * 10,000 documents the list is on screen and usable before the whole of it
 * has arrived; filtering and browsing work on the whole list once it has.
 *
 * `window.broadsheetBench = { libraryLoad: 'list' }` takes the old path (one
 * `library.list` of objects) so `npm run bench:library` can measure both in
 * one run.
 */

/** What the library panel shows while the rest of the list is on its way. */
export const libraryLoad = $state({ loading: false, total: 0 });

let loadedOnce = false;

let screenful: () => void;
/**
 * Settles once the first load has put its first rows in the library (or
 * ended without: an empty library, an error): what start-up does next (the
 * reader's views, lib/reader-views) waits for it.
 */
export const firstScreenful = new Promise<void>((done) => (screenful = done));

/**
 * Resolves with the whole list; `show` gets the first window before that
 * (only on the first load: later reloads already have a list on screen).
 */
export async function loadLibrary(sort: LibrarySort, show: (docs: DocumentSummary[]) => void): Promise<DocumentSummary[]> {
  if (legacyLibraryLoad()) return archive.call('library.list', { sort }).finally(() => queueMicrotask(() => screenful()));
  const firstLoad = !loadedOnce;
  libraryLoad.loading = firstLoad;
  try {
    if (firstLoad) {
      // Asked for by start-requests.ts as the script began to run.
      const prefetched = await takeStartColumns()?.catch(() => null);
      const first = prefetched?.sort === sort ? prefetched : await archive.call('library.columns', { sort, limit: FIRST_WINDOW });
      const docs = decodeLibraryColumns(notePreviewFlags(first));
      libraryLoad.total = first.total;
      if (columnRows(first) >= first.total) {
        loadedOnce = true;
        return docs;
      }
      show(docs);
      screenful();
      // The whole list (a megabyte to parse, 10,000 rows to filter) is asked for once the first rows are painted:
      // its answer, landing before that frame, held the first rows back by as long as it took.
      await afterNextPaint();
    }
    const all = decodeLibraryColumns(notePreviewFlags(await archive.call('library.columns', { sort })));
    loadedOnce = true;
    libraryLoad.total = all.length;
    return all;
  } finally {
    libraryLoad.loading = false;
    // A library that fits one window (shown by the caller when this returns), or a failure: nothing to wait for.
    queueMicrotask(() => screenful());
  }
}

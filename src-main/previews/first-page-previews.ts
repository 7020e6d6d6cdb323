import type { LibraryColumns } from '../../core/library-columns.ts';
import type { LibraryStore } from '../library/library-store.ts';
import type { RawImage } from '../../core/page-model.ts';
import { MIN_PAGE_SHARE } from './page-jpeg.ts';
import type { PreviewService } from './preview-service.ts';

/**
 * The list's "has a preview" column: whether each document's first page (the
 * library's thumbnail) has a preview, so the renderer asks only for previews
 * that exist. A typeset page has none, and asking for it was a 404 in the
 * console on every library load; a thumbnail of such a page is drawn by pdf.js.
 *
 *   'y' the preview is made   'n' the page has none (typeset, rotated, JPEG 2000, a text dump…)
 *   '?' not known yet (the background has not reached it): the renderer asks, and the host makes it then
 *
 * An answer does not change for a document (its id is its bytes' digest), so
 * each is looked up once a process: the first whole list of 10,000 scans costs
 * a file check each (~30 ms here), later ones a map lookup.
 */
const known = new WeakMap<PreviewService, Map<string, 'y' | 'n'>>();

/**
 * A page not made yet whose images all cover less than half of it can have no preview (page-jpeg.ts: a scan's
 * picture covers most of its page; a typeset page's photos do not): read from its stored model, for at most this
 * many documents an answer (the JSON of a dense scan takes milliseconds to read).
 */
const MAX_MODEL_READS = 64;

function mayHoldScan(page: { width: number; height: number; images: string | null }): boolean {
  const images = JSON.parse(page.images ?? '[]') as RawImage[];
  const area = ([x0, y0, x1, y1]: readonly number[]) => Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return images.some((im) => area(im.rect) >= MIN_PAGE_SHARE * page.width * page.height);
}

export function firstPagePreviews(store: LibraryStore, previews: PreviewService, cols: LibraryColumns): string {
  let cache = known.get(previews);
  if (!cache) known.set(previews, (cache = new Map()));
  const firstPage = store.db.prepare(
    "SELECT json_extract(raw, '$.width') AS width, json_extract(raw, '$.height') AS height, json_extract(raw, '$.images') AS images FROM pages WHERE doc_id = ? AND number = 1",
  );
  let reads = 0;
  let flags = '';
  for (let i = 0; i < cols.kinds.length; i++) {
    if (cols.kinds[i] !== 'p') {
      flags += 'n';
      continue;
    }
    const id = cols.ids.slice(i * 64, (i + 1) * 64);
    let flag: 'y' | 'n' | '?' | undefined = cache.get(id);
    if (!flag) {
      const state = previews.state(id, 1);
      flag = state === 'ready' ? 'y' : state === 'none' ? 'n' : '?';
      if (flag === '?' && reads++ < MAX_MODEL_READS) {
        const page = firstPage.get(id) as { width: number; height: number; images: string | null } | undefined;
        if (page && !mayHoldScan(page)) flag = 'n';
      }
      if (flag !== '?') cache.set(id, flag);
    }
    flags += flag;
  }
  return flags;
}

/** The columns with their `previews` column (a copy: the whole list's columns are shared by every answer until the library changes). */
export function withFirstPagePreviews(store: LibraryStore, previews: PreviewService | undefined, cols: LibraryColumns): LibraryColumns {
  return previews ? { ...cols, previews: firstPagePreviews(store, previews, cols) } : cols;
}

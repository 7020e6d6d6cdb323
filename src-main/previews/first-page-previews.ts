import type { LibraryColumns } from '../../core/library-columns.ts';
import type { LibraryStore } from '../library/library-store.ts';
import type { RawImage } from '../../core/page-model.ts';
import { isTypeset, type PreviewService } from './preview-service.ts';

/**
 * The list's "has a preview" column: whether each document's first page (the
 * library's thumbnail) has a preview, so the renderer asks only for previews
 * that exist. A typeset page has none until the background has drawn it (preview-service.ts), and asking for it was a 404 in the
 * console on every library load; a thumbnail of such a page is drawn by pdf.js.
 *
 *   'y' the preview is made, or will be: the page is a scan (decided at import, first-page-scan.ts), and the
 *       host makes its preview when it is asked for (preview-route.ts) if the background has not yet
 *   'n' the page has none (rotated, JPEG 2000, a text dump…, or typeset and not drawn yet: the background draws
 *       it later and the service reports it, so the answer becomes 'y')
 *   '?' not known yet: only in a library imported before the import decided it (first_page_scan NULL),
 *       until the background pass reaches the document; the renderer asks, and the host makes it then
 *
 * An answer does not change for a document (its id is its bytes' digest) but
 * from not known to made, which the service reports, as it does each state its
 * background pass finds: so each is looked up at most once a process, and
 * then only for FILE_CHECK_MS an answer (two file checks a document: 10,000
 * unknown ones took 105 ms of CPU, 200 ms wall, on the loaded 2-core machine);
 * rows past that are '?' until the pass or a later answer has them. Rows come
 * in list order, so the first screenful is always answered.
 */
const FILE_CHECK_MS = 15;
const known = new WeakMap<PreviewService, Map<string, Flag>>();
type Flag = 'y' | 'n' | '?';

/** The service's answers so far: '?' ones are kept too, and replaced as the service makes each first page's preview. */
function answers(previews: PreviewService): Map<string, Flag> {
  let cache = known.get(previews);
  if (!cache) {
    const made = (cache = new Map());
    known.set(previews, made);
    previews.onSettled((id, n, state) => n === 1 && made.set(id, state === 'ready' ? 'y' : 'n'));
  }
  return cache;
}

/**
 * A page not made yet whose images all cover less than half of it has no preview to take out (page-jpeg.ts: a scan's
 * picture covers most of its page; a typeset page's photos do not), and is drawn in the background later, which the
 * service reports; until then 'n' (its thumbnail is pdf.js's): read from its stored model, for at most this
 * many documents an answer (the JSON of a dense scan takes milliseconds to read).
 */
const MAX_MODEL_READS = 64;

function mayHoldScan(page: { width: number; height: number; images: string | null }): boolean {
  return !isTypeset({ width: page.width, height: page.height, images: JSON.parse(page.images ?? '[]') as RawImage[] });
}

export function firstPagePreviews(store: LibraryStore, previews: PreviewService, cols: LibraryColumns): string {
  const cache = answers(previews);
  // From the page view when one is stored (see PreviewService.build): ~0.1 ms a scan instead of ~5 ms for its raw JSON.
  const firstPage = store.db.prepare(
    "SELECT coalesce(json_extract(view, '$.width'), json_extract(raw, '$.width')) AS width, coalesce(json_extract(view, '$.height'), json_extract(raw, '$.height')) AS height, coalesce(json_extract(view, '$.images'), json_extract(raw, '$.images')) AS images FROM pages WHERE doc_id = ? AND number = 1",
  );
  const decided = store.db.prepare('SELECT first_page_scan AS scan FROM documents WHERE id = ?');
  let reads = 0;
  const until = performance.now() + FILE_CHECK_MS;
  let checking = true;
  let flags = '';
  for (let i = 0; i < cols.kinds.length; i++) {
    if (cols.kinds[i] !== 'p') {
      flags += 'n';
      continue;
    }
    const id = cols.ids.slice(i * 64, (i + 1) * 64);
    let flag = cache.get(id);
    // The clock read every 64 rows: the first 64 are always answered.
    if (checking && i % 64 === 63) checking = performance.now() < until;
    // A '?' is asked again of the column alone (one indexed read): another process's import commits its document a
    // moment before it records the decision, and the list may have been read in between.
    if (!flag || flag === '?') {
      // Decided at import: a scan's preview will exist (unless it proves impossible: JPEG 2000, a rotated page,
      // which the file check below, or the background pass later, finds), and a page without a picture has none.
      const scan = (decided.get(id) as { scan: number | null } | undefined)?.scan;
      // A typeset page's preview is drawn in the background (preview-service.ts): 'y' once it is there.
      if (scan === 0) flag = checking && previews.state(id, 1) === 'ready' ? 'y' : 'n';
      else if (scan === 1) flag = checking && previews.state(id, 1) === 'none' ? 'n' : 'y';
      if (flag && flag !== '?') cache.set(id, flag);
    }
    if (!flag && checking) {
      const state = previews.state(id, 1);
      flag = state === 'ready' ? 'y' : state === 'none' ? 'n' : '?';
      if (flag === '?' && reads++ < MAX_MODEL_READS) {
        const page = firstPage.get(id) as { width: number; height: number; images: string | null } | undefined;
        if (page && !mayHoldScan(page)) flag = 'n';
      }
      cache.set(id, flag);
    }
    flags += flag ?? '?';
  }
  return flags;
}

/** The columns with their `previews` column (a copy: the whole list's columns are shared by every answer until the library changes). */
export function withFirstPagePreviews(store: LibraryStore, previews: PreviewService | undefined, cols: LibraryColumns): LibraryColumns {
  return previews ? { ...cols, previews: firstPagePreviews(store, previews, cols) } : cols;
}

import type { LibraryColumns } from '../../core/library-columns.ts';
import { noPreview } from './page-loader.ts';

/**
 * Takes the list's "has a preview" column (src-main/previews/first-page-previews.ts) to where the thumbnails
 * look (page-loader's preview states): a first page with none ('n': typeset, a text dump) is never asked for,
 * so a library load makes no 404s; its thumbnail is drawn by pdf.js. Unknown ('?') pages are asked for as before.
 */
export function notePreviewFlags(cols: LibraryColumns): LibraryColumns {
  const flags = cols.previews;
  if (!flags) return cols;
  for (let i = flags.indexOf('n'); i !== -1 && i < flags.length; i = flags.indexOf('n', i + 1)) {
    if (cols.kinds[i] === 'p') noPreview(cols.ids.slice(i * 64, (i + 1) * 64), 1);
  }
  return cols;
}

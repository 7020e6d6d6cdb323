import type { ReaderPage } from './page-loader.ts';

/** What the page view needs to show a page's preview before pdf.js has the page: whether there is one, and the page size in points. */
export interface PagePreview {
  state: ReaderPage['preview'];
  width: number;
  height: number;
}

export function pagePreviewOf(page: ReaderPage | null): PagePreview | null {
  return page ? { state: page.preview, width: page.width, height: page.height } : null;
}

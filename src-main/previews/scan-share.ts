/**
 * A scan's picture covers most of the page; a photo on a typeset page does not.
 * Its own module, without pdf-lib: every import decides whether its first page is a scan
 * (first-page-scan.ts) with this number, and importing it from page-jpeg.ts loaded all of
 * pdf-lib (~140 CommonJS modules, ~250 ms of CPU) into the importing process's main thread.
 */
export const MIN_PAGE_SHARE = 0.5;

/**
 * Entry point of cleaning: a page with geometry is cleaned by position, a
 * text-only dump (no page size) by text alone.
 */
import type { CleanedPage, RawPage } from '../page-model.ts';
import { cleanPdfPage } from './pdf-page.ts';
import { cleanTextPage } from './text-page.ts';

export function isTextOnlyPage(page: RawPage): boolean {
  return page.width === 0 && page.height === 0;
}

export function cleanPage(page: RawPage): CleanedPage {
  return isTextOnlyPage(page) ? cleanTextPage(page) : cleanPdfPage(page);
}

import { cleanPage } from '../../core/cleaning/clean-page.ts';
import type { RawPage } from '../../core/page-model.ts';

/**
 * The one-line page the library benchmarks fill their 10,000-document
 * libraries with: what is measured there is the library (list, filter,
 * watch), not cleaning, so every page is the same small page, cleaned once.
 */
export const benchRawPage: RawPage = {
  number: 1,
  width: 612,
  height: 792,
  images: [],
  items: [{ str: 'Bench page', font: 'F1', size: 14, transform: [14, 0, 0, 14, 72, 700], rect: [72, 78, 150, 92], eol: true }],
};

export const benchCleanedPage = cleanPage(benchRawPage);

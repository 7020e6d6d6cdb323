import type { ImportProgress } from '../../core/library-model.ts';

/**
 * The top bar's import line: files done of the batch, the file being imported and, in a long one, its pages
 * ("0/1 · cjk-bench-2000.pdf · page 812 of 2000"). The window's own reading of files ('local') says its own words.
 */
export function importProgressText(p: ImportProgress): string {
  const { files, pages } = importProgressParts(p);
  return files + pages;
}

/** The line in two: the files part (cut short with "…" when the bar is narrow) and the pages part (always shown). */
export function importProgressParts(p: ImportProgress): { files: string; pages: string } {
  if (p.batch === 'local') return { files: p.file, pages: '' };
  const files = `${p.done}/${p.total} · ${p.file}`;
  if (!p.page) return { files, pages: '' };
  return { files, pages: p.pages ? ` · page ${p.page} of ${p.pages}` : ` · page ${p.page}` };
}

/** Where the bar stands, out of `total`: files done, plus the share of the current file's pages stored. */
export function importProgressValue(p: ImportProgress): number {
  const share = p.page && p.pages ? Math.min(1, p.page / p.pages) : 0;
  return Math.min(p.total, p.done + share);
}

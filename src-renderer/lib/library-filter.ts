import type { DocumentSummary } from '../../core/library-model.ts';
import { newspaperTitles, type TitledDocument } from '../../core/newspaper-titles.ts';

/**
 * The search box's interim job until full-text search lands: every word
 * typed must appear in the title, newspaper, file name or date.
 */
export function filterDocuments<T extends Pick<DocumentSummary, 'title' | 'newspaper' | 'fileName' | 'date'>>(docs: readonly T[], query: string): T[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...docs];
  return docs.filter((d) => {
    const hay = `${d.title}\n${d.newspaper}\n${d.fileName}\n${d.date}`.toLocaleLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** The filter menu's newspapers, alphabetical: one per title, however many spellings its pages have (core/newspaper-titles.ts). */
export function newspapers(docs: readonly TitledDocument[]): string[] {
  return newspaperTitles(docs).map((t) => t.name);
}

/** Inclusive date range on ISO dates; undated documents drop out once a range is set. */
export function inDateRange(date: string, from: string, to: string): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  // Compare on the shared prefix so "1918" matches a range that starts at 1918-01-01.
  if (from && date < from.slice(0, date.length)) return false;
  if (to && date > to.slice(0, date.length)) return false;
  return true;
}

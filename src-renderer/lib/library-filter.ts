import type { DocumentSummary } from '../../core/library-model.ts';

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

/** Distinct newspaper names for the filter menu, alphabetical. */
export function newspapers(docs: readonly Pick<DocumentSummary, 'newspaper'>[]): string[] {
  return [...new Set(docs.map((d) => d.newspaper).filter(Boolean))].sort((a, b) => a.localeCompare(b));
}

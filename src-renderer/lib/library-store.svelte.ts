import type { DocumentSummary, LibrarySort } from '../../core/library-model.ts';
import { filterDocuments, inDateRange } from './library-filter.ts';
import { newspaperIndex, newspaperMatcher } from '../../core/newspaper-titles.ts';

/**
 * The library as the reader sees it: every document (re-read on
 * `library.changed`), the Library panel's own filter (words, newspaper,
 * ISO date range) and what it leaves visible.
 */
export interface LibraryBackend {
  /** The whole list; `first`, when given, may be called before with its first screenful (a fresh start shows it at once). */
  list: (sort: LibrarySort, first?: (docs: DocumentSummary[]) => void) => Promise<DocumentSummary[]>;
  fail: (err: unknown) => void;
}

export class LibraryStore {
  docs = $state.raw<DocumentSummary[]>([]);
  query = $state('');
  newspaper = $state('');
  dateFrom = $state('');
  dateTo = $state('');
  /**
   * Why a date field's text is no date (IsoDateField's onproblem), by field: while one is, the list is not filtered by
   * date at all (not by a date the field no longer shows, and not down to nothing: the note says there is no date filter).
   */
  dateProblems = $state<Partial<Record<'dateFrom' | 'dateTo', string>>>({});
  readonly dateBlocked = $derived(Object.values(this.dateProblems).some(Boolean));

  /** The Newspaper filter's title, every spelling of it. */
  private readonly ofNewspaper = $derived(newspaperMatcher(this.docs, this.newspaper));
  readonly visible = $derived(
    filterDocuments(this.docs, this.query).filter(
      (d) => this.ofNewspaper(d) && (this.dateBlocked || inDateRange(d.date, this.dateFrom, this.dateTo)),
    ),
  );
  /** Each document's newspaper as the library names it (one name a title, core/newspaper-titles.ts); its own spelling stays in `newspaper`. */
  private readonly titles = $derived(newspaperIndex(this.docs));
  /** False while only the first screenful is in (a fresh start), true once the whole list is. */
  private whole = $state(false);
  /**
   * The filter menu's newspapers, alphabetical: one per title (from the same grouping as the rows' names). The menu
   * waits for the whole list: a first screenful names only some of them, and sorting them is the page's first
   * locale-aware comparison (a collator: tens of ms to set up in a fresh renderer), which delayed the first rows' paint.
   */
  readonly papers = $derived(this.whole ? this.titles.titles().map((t) => t.name) : []);
  readonly newspaperName = (d: DocumentSummary): string => this.titles.nameOf(d);

  private readonly backend: LibraryBackend;
  private ticket = 0;

  constructor(backend: LibraryBackend) {
    this.backend = backend;
  }

  /** Re-reads the list; of two refreshes in flight, the later one's answer wins. */
  async refresh(sort: LibrarySort): Promise<void> {
    const ticket = ++this.ticket;
    try {
      const docs = await this.backend.list(sort, (first) => {
        if (ticket !== this.ticket) return;
        this.docs = first;
        this.whole = false;
      });
      if (ticket !== this.ticket) return;
      this.docs = docs;
      this.whole = true;
    } catch (err) {
      this.backend.fail(err);
    }
  }

  dateProblem(field: 'dateFrom' | 'dateTo', problem: string | null): void {
    this.dateProblems = { ...this.dateProblems, [field]: problem ?? undefined };
  }

  find(id: string): DocumentSummary | undefined {
    return this.docs.find((d) => d.id === id);
  }
}

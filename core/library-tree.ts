/**
 * How archivists think of a library: newspaper title → year → issue (date,
 * edition) → page. Documents (files) are mapped onto that tree: a page of an
 * NDNP batch carries its issue key and sequence from the METS; any other
 * file is placed by its newspaper, date and edition, and ordered by its
 * printed page number. A multi-page file is one entry of its issue.
 */
import { daysInMonth } from './iso-date.ts';
import { foldNewspaperName, newspaperIndex } from './newspaper-titles.ts';

export interface TreeDocument {
  id: string;
  newspaper: string;
  date: string;
  edition: string;
  page: number | null;
  pageCount: number;
  fileName: string;
  lccn?: string;
  metadataSource?: 'guess' | 'mets' | 'archivist';
  /** Issue key from the METS (lccn/date/edition), '' when unknown. */
  issue?: string;
  sequence?: number | null;
}

export interface IssueNode<D extends TreeDocument = TreeDocument> {
  key: string;
  date: string;
  edition: string;
  /** The issue's documents in page order. */
  pages: D[];
}

export interface TitleNode<D extends TreeDocument = TreeDocument> {
  key: string;
  name: string;
  lccn: string;
  /** Years with issues, ascending, and each year's issues by date then edition. */
  years: Map<number, IssueNode<D>[]>;
  undated: D[];
}

/** The entry for files no newspaper is known for (no METS, nothing in the PDF or file name). */
export const UNNAMED = 'Newspaper not named';

const normEdition = (e: string) => (/^\d+$/.test(e.trim()) ? e.trim().padStart(2, '0') : e.trim() || '01');

/** A document's newspaper, on its own: its LCCN, else its name folded ("The Evening star." and "Evening Star" are one). */
export function titleKey(d: TreeDocument): string {
  return d.lccn || foldNewspaperName(d.newspaper || '');
}

export function issueKey(d: TreeDocument): string {
  if (d.issue) return d.issue;
  if (!d.date) return '';
  return `${titleKey(d) || 'unknown'}/${d.date}/${normEdition(d.edition)}`;
}

const pageOrder = (d: TreeDocument) => d.sequence ?? d.page ?? Number.MAX_SAFE_INTEGER;

/**
 * One entry a newspaper, as the Newspaper filter has it (core/newspaper-titles.ts): its LCCN where known, and a
 * page without one joins the title whose pages spell its name the same once folded; else one entry a folded name.
 * Named as the filter names it, whatever spelling each page's METS has.
 */
export function buildLibraryTree<D extends TreeDocument>(docs: readonly D[]): TitleNode<D>[] {
  const titles = new Map<string, TitleNode<D>>();
  const issues = new Map<string, IssueNode<D>>();
  const newspapers = newspaperIndex(docs);
  for (const d of docs) {
    const tk = newspapers.keyOf(d);
    let title = titles.get(tk);
    if (!title) {
      const lccn = tk.startsWith('lccn:') ? tk.slice(5) : '';
      title = { key: tk, name: newspapers.nameOf(d) || lccn || UNNAMED, lccn, years: new Map(), undated: [] };
      titles.set(tk, title);
    }
    const ik = issueKey(d);
    if (!ik) {
      title.undated.push(d);
      continue;
    }
    let issue = issues.get(ik);
    if (!issue) {
      issue = { key: ik, date: d.date, edition: normEdition(d.edition), pages: [] };
      issues.set(ik, issue);
      const year = Number(d.date.slice(0, 4));
      const list = title.years.get(year) ?? [];
      list.push(issue);
      title.years.set(year, list);
    }
    issue.pages.push(d);
  }
  for (const issue of issues.values()) issue.pages.sort((a, b) => pageOrder(a) - pageOrder(b) || a.fileName.localeCompare(b.fileName));
  for (const title of titles.values()) {
    title.years = new Map([...title.years.entries()].sort((a, b) => a[0] - b[0]));
    for (const list of title.years.values()) list.sort((a, b) => (a.date === b.date ? a.edition.localeCompare(b.edition) : a.date < b.date ? -1 : 1));
  }
  // Files no newspaper is known for come last, after every named paper, not among them by the letter N.
  const unnamed = (t: { name: string }) => (t.name === UNNAMED ? 1 : 0);
  return [...titles.values()].sort((a, b) => unnamed(a) - unnamed(b) || a.name.localeCompare(b.name));
}

export interface CalendarDay {
  /** ISO date, or '' for a blank cell before the 1st or after the last day. */
  date: string;
  day: number;
  issues: IssueNode[];
}

/** A month as weeks of seven days, Monday first (ISO 8601), with the issues of each day. */
export function monthGrid(year: number, month: number, issues: readonly IssueNode[]): CalendarDay[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = daysInMonth(year, month);
  const lead = (first.getUTCDay() + 6) % 7;
  const byDate = new Map<string, IssueNode[]>();
  for (const i of issues) byDate.set(i.date, [...(byDate.get(i.date) ?? []), i]);
  const cells: CalendarDay[] = Array.from({ length: lead }, () => ({ date: '', day: 0, issues: [] }));
  for (let d = 1; d <= days; d++) {
    const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    cells.push({ date, day: d, issues: byDate.get(date) ?? [] });
  }
  while (cells.length % 7) cells.push({ date: '', day: 0, issues: [] });
  const weeks: CalendarDay[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/**
 * The document before or after `id` in its issue's page order, so reading an
 * issue pages on from one file into the next; null at either end or for a
 * document in no issue.
 */
export function adjacentInIssue<D extends TreeDocument>(docs: readonly D[], id: string, dir: 1 | -1): D | null {
  const doc = docs.find((d) => d.id === id);
  const key = doc && issueKey(doc);
  if (!key) return null;
  const pages = docs.filter((d) => issueKey(d) === key).sort((a, b) => pageOrder(a) - pageOrder(b) || a.fileName.localeCompare(b.fileName));
  return pages[pages.findIndex((d) => d.id === id) + dir] ?? null;
}

/**
 * The number printed on page `pageNum` of a file, as the library shows it:
 * the METS label ("A2", "7") or the first printed page number, counted on
 * through a multi-page file; '' when unknown. A label that is not a number
 * names only the file's first page.
 */
export function printedPage(doc: { page: number | null; pageLabel?: string }, pageNum: number): string {
  const label = doc.pageLabel ?? '';
  const first = /^\d+$/.test(label) ? Number(label) : label ? null : doc.page;
  if (first != null) return String(first + pageNum - 1);
  return pageNum === 1 ? label : '';
}

/**
 * A page named the way the library names it, its printed number, with its
 * place in the file beside it where the two differ: "7 (file page 1)" for
 * evening-star-1859-02-21-p7.pdf, "3" where they agree or nothing is
 * printed. Search results (app and CLI) and the library then agree.
 */
export function pageName(doc: { page: number | null; pageLabel?: string } | null | undefined, pageNum: number): string {
  const printed = doc ? printedPage(doc, pageNum) : '';
  return printed && printed !== String(pageNum) ? `${printed} (file page ${pageNum})` : String(pageNum);
}

/** Where the open page sits in its issue, across the issue's files: "Page 2 of 8 · Evening Star, 1859-02-21". */
export interface IssuePlace {
  /** 1-based place among the issue's pages in the library. */
  page: number;
  /** Pages of the issue in the library (each file's pages counted). */
  of: number;
  /** Printed page number or label when it says something other than the place ("A2", "7"), else ''. */
  printed: string;
  newspaper: string;
  date: string;
  /** '' for the first (usual) edition. */
  edition: string;
  hasPrevious: boolean;
  hasNext: boolean;
}

/** `newspaper`: the paper's name as the library gives it (one name a title, core/newspaper-titles.ts); by default the page's own. */
export function issuePlace<D extends TreeDocument & { pageLabel?: string }>(docs: readonly D[], id: string, pageNum: number, newspaper?: string): IssuePlace | null {
  const doc = docs.find((d) => d.id === id);
  const key = doc && issueKey(doc);
  if (!doc || !key) return null;
  const pages = docs.filter((d) => issueKey(d) === key).sort((a, b) => pageOrder(a) - pageOrder(b) || a.fileName.localeCompare(b.fileName));
  let before = 0;
  for (const d of pages) {
    if (d.id === id) break;
    before += Math.max(1, d.pageCount);
  }
  const of = pages.reduce((n, d) => n + Math.max(1, d.pageCount), 0);
  const page = before + pageNum;
  const printedRaw = printedPage(doc, pageNum);
  const edition = normEdition(doc.edition);
  return {
    page,
    of,
    printed: printedRaw && printedRaw !== String(page) ? printedRaw : '',
    newspaper: newspaper || doc.newspaper || doc.lccn || '',
    date: doc.date,
    edition: edition === '01' ? '' : edition,
    hasPrevious: page > 1,
    hasNext: page < of,
  };
}

/** "Page 2 of 8 (printed A2) · Evening Star, 1859-02-21, edition 2" */
export function issuePlaceLabel(p: IssuePlace): string {
  const where = [p.newspaper || 'Newspaper not named', p.date].filter(Boolean).join(', ') + (p.edition ? `, edition ${Number(p.edition) || p.edition}` : '');
  return `Page ${p.page} of ${p.of}${p.printed ? ` (printed ${p.printed})` : ''} · ${where}`;
}

/**
 * A newspaper's line in the browse list: "Evening Star" / "12 issues ·
 * 1859–1870 · sn83045462". Files no newspaper is known for read "Newspaper
 * not named" / "3 files without a date · name them in Details…" rather
 * than "Unknown newspaper · 0 issues · undated".
 */
export function titleSummary(t: TitleNode): { name: string; meta: string } {
  const years = [...t.years.keys()];
  const issues = [...t.years.values()].reduce((n, l) => n + l.length, 0);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const parts = [
    issues ? `${plural(issues, 'issue', 'issues')} · ${years.length === 1 ? years[0] : `${years[0]}–${years[years.length - 1]}`}` : '',
    t.undated.length ? plural(t.undated.length, 'file without a date', 'files without a date') : '',
    t.lccn,
    t.key === '' ? 'name them in Details…' : '',
  ];
  return { name: t.name, meta: parts.filter(Boolean).join(' · ') };
}

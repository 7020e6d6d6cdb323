import type { DocumentSummary, MetadataSource } from './library-model.ts';

/**
 * The Newspaper filter's entries: one per newspaper title, not one per
 * spelling. The METS of 1859 says "The Evening star", that of 1918 "Evening
 * star (Washington, D.C.)", the file name "Evening Star", a PDF title
 * "Evening star.": pages of one LCCN are one title, and a page without an
 * LCCN whose name reads the same once folded (case, a leading "The", a
 * place in parentheses, punctuation) joins it. Each entry is named by its
 * best spelling: the archivist's, else the METS's, else the PDF's or the
 * file name's; within that rank the first imported (the commonest, when the
 * documents do not say when they came). A name that went by the latest
 * count renamed every page of the title on screen each time an issue with
 * the other spelling came in; the first one seen stays, and only the
 * archivist's (library.renameTitle marks the title's pages so) outranks it.
 * Filtering by an entry matches every spelling it stands for.
 */

export type TitledDocument = Pick<DocumentSummary, 'newspaper' | 'lccn' | 'metadataSource'> & { importedAt?: string };
/** What the grouping reads of a document: the library tree's documents may lack an LCCN or a metadata source. */
type GroupedDocument = Pick<DocumentSummary, 'newspaper'> & { lccn?: string; metadataSource?: MetadataSource; importedAt?: string };

export interface NewspaperTitle {
  /** The name shown, and the filter's value. */
  name: string;
  /** The title's LCCN, '' when none of its pages has one. */
  lccn: string;
  /** Every spelling its documents have, the name among them. */
  spellings: string[];
}

/** A spelling folded for comparison: "The Evening star (Washington, D.C.)" and "Evening Star." both read "evening star". */
export function foldNewspaperName(name: string): string {
  return name
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '');
}

const RANK: Record<MetadataSource, number> = { archivist: 0, mets: 1, guess: 2 };

export function newspaperTitles(docs: readonly TitledDocument[]): NewspaperTitle[] {
  return newspaperIndex(docs).titles();
}

function listTitles(described: Iterable<NewspaperTitle>): NewspaperTitle[] {
  // A title only pages without a name stand for (an LCCN alone) is no entry: nothing names it yet.
  return [...described].filter((t) => t.spellings.length > 0).sort((a, b) => a.name.localeCompare(b.name));
}

/** Which documents a Newspaper filter value matches: every spelling of the title it names (or, for any other value, that name exactly). */
export function newspaperMatcher(docs: readonly TitledDocument[], name: string): (doc: TitledDocument) => boolean {
  if (!name) return () => true;
  const { groups, keyOf } = group(docs);
  const title = [...groups.entries()].find(([, members]) => describe(members).name === name);
  if (!title) return (d) => d.newspaper === name;
  const key = title[0];
  return (d) => keyOf(d) === key;
}

/**
 * One name per newspaper, for everywhere the app names a document's
 * newspaper (library rows, the reader's toolbar, browse): `nameOf` gives the
 * title's name (as the Newspaper filter lists it) for any document, so pages
 * whose METS spell the title differently read the same; `keyOf` is the
 * title's identity ("lccn:sn83045462", else "name:" and the folded name; ''
 * for a document no newspaper is known for). Each page keeps its own
 * spelling in `newspaper` (Details… shows and edits it).
 */
export interface NewspaperIndex<D extends GroupedDocument = GroupedDocument> {
  keyOf: (doc: D) => string;
  nameOf: (doc: D) => string;
  /** The documents of each title, by key. */
  groups: ReadonlyMap<string, D[]>;
  /** The Newspaper filter's entries, alphabetical (newspaperTitles). */
  titles: () => NewspaperTitle[];
}

/** One grouping of the documents serves the rows' names, the filter's entries and browsing (10,000 rows: one pass). */
export function newspaperIndex<D extends GroupedDocument>(docs: readonly D[]): NewspaperIndex<D> {
  const { groups, keyOf } = group(docs);
  const described = new Map<string, NewspaperTitle>();
  for (const [key, members] of groups) described.set(key, describe(members));
  return {
    keyOf: (d) => (d.newspaper || d.lccn ? keyOf(d) : ''),
    nameOf: (d) => (d.newspaper || d.lccn ? (described.get(keyOf(d))?.name ?? d.newspaper) : ''),
    groups,
    titles: () => listTitles(described.values()),
  };
}

function group<D extends GroupedDocument>(docs: readonly D[]) {
  // A library has few spellings and many pages: each spelling is folded once.
  const folds = new Map<string, string>();
  const fold = (name: string) => {
    let f = folds.get(name);
    if (f === undefined) folds.set(name, (f = foldNewspaperName(name)));
    return f;
  };
  // LCCN titles first; each spelling they use, folded, leads a page without an LCCN to them.
  const byFold = new Map<string, string>();
  for (const d of docs) {
    if (!d.lccn || !d.newspaper) continue;
    const f = fold(d.newspaper);
    const known = byFold.get(f);
    // A folded name two LCCNs share names neither for certain.
    byFold.set(f, known === undefined || known === d.lccn ? d.lccn : '');
  }
  const keyOf = (d: GroupedDocument): string => {
    if (d.lccn) return `lccn:${d.lccn}`;
    const f = fold(d.newspaper);
    const lccn = byFold.get(f);
    return lccn ? `lccn:${lccn}` : `name:${f}`;
  };
  const groups = new Map<string, D[]>();
  for (const d of docs) {
    // A page with an LCCN but no name yet is still of its title (named by its other pages, or by the LCCN).
    if (!d.newspaper && !d.lccn) continue;
    const k = keyOf(d);
    const list = groups.get(k);
    if (list) list.push(d);
    else groups.set(k, [d]);
  }
  return { groups, keyOf };
}

function describe(members: readonly GroupedDocument[]): NewspaperTitle {
  // Per spelling: its best rank, and at that rank how many documents have it and when the first of them came.
  const count = new Map<string, { n: number; rank: number; first: string }>();
  for (const d of members) {
    if (!d.newspaper) continue;
    const rank = (d.metadataSource && RANK[d.metadataSource]) ?? 2;
    const at = d.importedAt ?? '';
    const c = count.get(d.newspaper);
    if (!c || rank < c.rank) count.set(d.newspaper, { n: 1, rank, first: at });
    else if (rank === c.rank) {
      c.n++;
      if (at < c.first) c.first = at;
    }
  }
  const best =
    [...count.entries()].sort((a, b) => a[1].rank - b[1].rank || cmp(a[1].first, b[1].first) || b[1].n - a[1].n || a[0].localeCompare(b[0]))[0]?.[0] ??
    members.find((d) => d.lccn)?.lccn ??
    '';
  return { name: best, lccn: members.find((d) => d.lccn)?.lccn ?? '', spellings: [...count.keys()].sort((a, b) => a.localeCompare(b)) };
}

/** ISO timestamps compare as strings; '' (not known) says nothing either way. */
function cmp(a: string, b: string): number {
  return !a || !b ? 0 : a < b ? -1 : a > b ? 1 : 0;
}

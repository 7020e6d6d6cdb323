import type { DocumentSummary, LibrarySort, MetadataSource, SourceKind } from './library-model.ts';

/**
 * The document list as columns, for the wire. As objects, 10,000 documents
 * are 5.4 MB of JSON (every key repeated, the 64-digit id twice), and
 * fetching and parsing them alone took longer than the library's 300 ms
 * budget for being interactive. As columns they are about a fifth of that:
 * ids in one string (one JSON string parses at memcpy speed; 10,000 small
 * ones do not), repeated strings (newspapers, dates, issue keys, editions)
 * as indexes into one dictionary, import times as epoch milliseconds.
 * Decoding builds the same DocumentSummary objects, so nothing past the
 * transport changes.
 */
export interface LibraryColumns {
  /** The library's documents_version when read: the list is the same while it is. */
  version: number;
  /** The order of the rows (the one asked for, or the settings' when none was). */
  sort?: LibrarySort;
  /** Documents in the whole (filtered) list; the columns hold rows offset … offset + count − 1. */
  total: number;
  offset: number;
  /** Every row's 64-digit id, concatenated. */
  ids: string;
  /** One character a row: 'p' pdf, 't' text. */
  kinds: string;
  /**
   * One character a row, where the back end makes previews: whether the first page has one ('y'), has none ('n':
   * typeset, a text dump…) or is not known yet ('?'). src-main/previews/first-page-previews.ts.
   */
  previews?: string;
  /** Strings shared by the index columns below. */
  dict: string[];
  newspaper: number[];
  date: number[];
  edition: number[];
  title: number[];
  language: number[];
  lccn: number[];
  issue: number[];
  pageLabel: number[];
  volume: number[];
  number: number[];
  metadataSource: number[];
  fileName: string[];
  page: Array<number | null>;
  sequence: Array<number | null>;
  pageCount: number[];
  /** Epoch ms when it gives back the stored ISO text exactly, else that text. */
  importedAt: Array<number | string>;
}

const ID_LENGTH = 64;
type DictField = 'newspaper' | 'date' | 'edition' | 'title' | 'language' | 'lccn' | 'issue' | 'pageLabel' | 'volume' | 'number' | 'metadataSource';
const DICT_FIELDS: readonly DictField[] = ['newspaper', 'date', 'edition', 'title', 'language', 'lccn', 'issue', 'pageLabel', 'volume', 'number', 'metadataSource'];

function epochOrText(iso: string): number | string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) && new Date(ms).toISOString() === iso ? ms : iso;
}

export function encodeLibraryColumns(docs: readonly DocumentSummary[], meta: { version: number; total?: number; offset?: number; sort?: LibrarySort }): LibraryColumns {
  const dict: string[] = [];
  const slot = new Map<string, number>();
  const intern = (s: string) => {
    let i = slot.get(s);
    if (i === undefined) slot.set(s, (i = dict.push(s) - 1));
    return i;
  };
  const cols = Object.fromEntries(DICT_FIELDS.map((f) => [f, [] as number[]])) as Record<DictField, number[]>;
  const ids: string[] = [];
  let kinds = '';
  const fileName: string[] = [];
  const page: Array<number | null> = [];
  const sequence: Array<number | null> = [];
  const pageCount: number[] = [];
  const importedAt: Array<number | string> = [];
  for (const d of docs) {
    if (d.id.length !== ID_LENGTH) throw new Error(`document id of ${ID_LENGTH} digits expected, got ${JSON.stringify(d.id.slice(0, 80))}`);
    ids.push(d.id);
    kinds += d.kind === 'text' ? 't' : 'p';
    for (const f of DICT_FIELDS) cols[f].push(intern(d[f] ?? ''));
    fileName.push(d.fileName);
    page.push(d.page);
    sequence.push(d.sequence);
    pageCount.push(d.pageCount);
    importedAt.push(epochOrText(d.importedAt));
  }
  return {
    version: meta.version,
    ...(meta.sort ? { sort: meta.sort } : {}),
    total: meta.total ?? docs.length,
    offset: meta.offset ?? 0,
    ids: ids.join(''),
    kinds,
    dict,
    ...cols,
    fileName,
    page,
    sequence,
    pageCount,
    importedAt,
  };
}

/** Rows in the columns (not the whole list: see `total`). */
export function columnRows(c: LibraryColumns): number {
  return c.kinds.length;
}

export function decodeLibraryColumns(c: LibraryColumns): DocumentSummary[] {
  const n = columnRows(c);
  const out = new Array<DocumentSummary>(n);
  const s = (col: number[], i: number) => c.dict[col[i]] ?? '';
  for (let i = 0; i < n; i++) {
    const id = c.ids.slice(i * ID_LENGTH, (i + 1) * ID_LENGTH);
    const at = c.importedAt[i];
    out[i] = {
      id,
      sha256: id,
      kind: (c.kinds[i] === 't' ? 'text' : 'pdf') as SourceKind,
      fileName: c.fileName[i],
      pageCount: c.pageCount[i],
      importedAt: typeof at === 'number' ? new Date(at).toISOString() : at,
      newspaper: s(c.newspaper, i),
      date: s(c.date, i),
      page: c.page[i],
      edition: s(c.edition, i),
      title: s(c.title, i),
      language: s(c.language, i),
      lccn: s(c.lccn, i),
      issue: s(c.issue, i),
      sequence: c.sequence[i],
      pageLabel: s(c.pageLabel, i),
      volume: s(c.volume, i),
      number: s(c.number, i),
      metadataSource: s(c.metadataSource, i) as MetadataSource,
    };
  }
  return out;
}

import { pageName, printedPage } from '../../core/library-tree.ts';
import type { DocumentSummary } from '../../core/library-model.ts';
import type { SearchResult } from '../../core/search/search-model.ts';
import type { LibraryStore } from '../library/library-store.ts';
import { SearchService } from '../search/search-service.ts';
import { libraryNewspaperNames } from '../library/newspaper-names.ts';
import { LIBRARY_OPTION_HELP, UsageError, type Command } from './command.ts';
import { openExistingLibrary } from './open-library.ts';
import { printable } from './printable.ts';
import { plural } from '../../core/plural.ts';

/**
 * `search "<query>" [--library DIR] [--limit N] [--raw] [--json] [--variants]`
 * (--variants: 职工 also finds 職工). The index is brought up to date first if
 * it lags behind the library (a library imported by an older version, or an
 * index deleted as damaged); that is said on stderr.
 */
export const searchCommand: Command = {
  name: 'search',
  summary: 'search the library: words AND\'ed, OR, -word, "a phrase"; a CJK run is a phrase; one line a hit, or JSON',
  usage: 'search "QUERY" [--library DIR] [--limit N] [--raw] [--json] [--variants]',
  optionHelp: [
    LIBRARY_OPTION_HELP,
    '--limit N       hits to print (1–500, default 20); the total counts every matching block',
    '--raw           search the text exactly as extracted, overprints included',
    '--json          { total, tookMs, withVariants?, hits: [{ document, page, printedPage, newspaper, pageNewspaper, block, layer, snippet, rects }] }',
    '--variants      simplified and traditional Chinese match each other (职工 finds 職工)',
  ],
  options: { library: { type: 'string' }, limit: { type: 'string' }, raw: { type: 'boolean' }, json: { type: 'boolean' }, variants: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError('search takes exactly one query (quote it: broadsheet search "职工 OR 工会")');
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number from 1 to 500');
    const store = openExistingLibrary(values.library);
    const search = new SearchService(store);
    try {
      const caught = search.catchUpSync((p) => {
        if (io.tty) io.err(`\rindexing ${p.done}/${p.total} documents${p.done === p.total ? '\n' : ''}`);
      });
      if (caught && !io.tty) io.err(`indexed ${plural(caught, 'document')} the search index lacked\n`);
      const result = search.query({ q: positionals[0], limit, raw: values.raw === true, variants: values.variants === true, rects: true });
      if (values.json) io.out(JSON.stringify(jsonShape(result, store)) + '\n');
      else io.out(readable(result, store));
      return 0;
    } finally {
      search.close();
      store.close();
    }
  },
};

/** The newspaper of a hit's document as `list` and the app name its title, one name for all its pages (read only when there are hits). */
function titleNamer(r: SearchResult, store: LibraryStore): (d: DocumentSummary) => string {
  const names = r.hits.length ? libraryNewspaperNames(store) : null;
  return (d) => names?.nameOf(d) || d.newspaper;
}

function jsonShape(r: SearchResult, store: LibraryStore) {
  const docs = new Map<string, DocumentSummary | null>();
  const doc = (id: string) => {
    if (!docs.has(id)) docs.set(id, store.get(id));
    return docs.get(id);
  };
  const title = titleNamer(r, store);
  return {
    total: r.total,
    tookMs: r.tookMs,
    ...(r.withVariants ? { withVariants: r.withVariants } : {}),
    hits: r.hits.map((h) => ({
      document: h.document,
      page: h.page,
      /** The number printed on the page, as the library shows it ('' unknown); `page` is its place in the file. */
      printedPage: doc(h.document) ? printedPage(doc(h.document)!, h.page) : '',
      /** The newspaper as the library names its title; `pageNewspaper` is this page's own spelling (its METS, PDF title or file name). */
      newspaper: doc(h.document) ? title(doc(h.document)!) : '',
      pageNewspaper: doc(h.document)?.newspaper ?? '',
      block: h.block,
      layer: h.layer,
      snippet: h.snippet,
      rects: (h.rects ?? []).map((q) => q.map((v) => Math.round(v * 100) / 100)),
    })),
  };
}

function readable(r: SearchResult, store: LibraryStore): string {
  const docs = new Map<string, DocumentSummary | null>();
  const doc = (id: string) => {
    if (!docs.has(id)) docs.set(id, store.get(id));
    return docs.get(id)!;
  };
  const title = titleNamer(r, store);
  const name = (id: string) => {
    const d = doc(id);
    return d ? [title(d), d.date].filter(Boolean).join(' ') || d.fileName : id.slice(0, 12);
  };
  const lines = r.hits.map((h) => {
    // Marks as [brackets], so the hit stands out without colour.
    let s = h.snippet;
    for (const [a, b] of [...h.marks].reverse()) s = s.slice(0, a) + '[' + s.slice(a, b) + ']' + s.slice(b);
    // The printed page, as the library shows it, with the page in the file beside it where they differ.
    return printable(`${name(h.document)}  p.${pageName(doc(h.document), h.page)}  ${h.block ?? 'raw'}  ${s}`);
  });
  lines.push(`${plural(r.total, 'matching block')}${r.hits.length < r.total ? `, ${r.hits.length} shown` : ''} (${r.tookMs} ms)`);
  // As the app offers its box: none found as typed, but the other written form is in the library (walk).
  if (r.withVariants) lines.push(`the other written form (simplified or traditional) is found in ${plural(r.withVariants, 'block')}: add --variants`);
  return lines.join('\n') + '\n';
}

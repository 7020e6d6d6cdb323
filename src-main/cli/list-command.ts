import type { DocumentSummary } from '../../core/library-model.ts';
import { issueKey } from '../../core/library-tree.ts';
import { newspaperIndex } from '../../core/newspaper-titles.ts';
import { LIBRARY_OPTION_HELP, type Command } from './command.ts';
import { openExistingLibrary } from './open-library.ts';
import { printable } from './printable.ts';
import { plural } from '../../core/plural.ts';

/** One document as `list --json` prints it. Fields are only ever added, never renamed. */
export interface ListEntry {
  id: string;
  file: string;
  pages: number;
  /** The newspaper as this page records it (its METS, PDF, file name, or the archivist's). */
  newspaper: string;
  /** The newspaper as the library names its title, one name for all its pages (core/newspaper-titles.ts), as the app shows it. */
  newspaperTitle: string;
  date: string;
  page: number | null;
  edition: string;
  title: string;
  kind: DocumentSummary['kind'];
  importedAt: string;
  /** The title's LCCN (NDNP), '' when unknown. */
  lccn: string;
  /** One key shared by every page of an issue (lccn/date/edition, or the folded newspaper name/date/edition); '' for an undated file. */
  issue: string;
  /** The page's place in its issue: from the METS, else its printed page number; null when unknown. */
  sequence: number | null;
  /** Printed page number or label ("A1"). */
  pageLabel: string;
  /** guess (file name, PDF Info), mets, or archivist. */
  metadataSource: DocumentSummary['metadataSource'];
}

/** `newspaperTitle`: the library's name for the document's newspaper (by default, its own spelling). */
export function listEntry(d: DocumentSummary, newspaperTitle = d.newspaper): ListEntry {
  return {
    id: d.id,
    file: d.fileName,
    pages: d.pageCount,
    newspaper: d.newspaper,
    newspaperTitle,
    date: d.date,
    page: d.page,
    edition: d.edition,
    title: d.title,
    kind: d.kind,
    importedAt: d.importedAt,
    lccn: d.lccn,
    issue: issueKey(d),
    sequence: d.sequence ?? d.page,
    pageLabel: d.pageLabel,
    metadataSource: d.metadataSource,
  };
}

export const listCommand: Command = {
  name: 'list',
  summary: 'list the documents of a library; one a line (id, date, newspaper, pages, file), or JSON',
  usage: 'list [--library DIR] [--json]',
  optionHelp: [LIBRARY_OPTION_HELP, '--json          a JSON array: { id, file, pages, newspaper, newspaperTitle, lccn, date, edition, issue, sequence, page, pageLabel, title, kind, importedAt, metadataSource }'],
  options: { library: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    if (positionals.length) throw new Error(`list takes no file names (got ${printable(positionals[0])})`);
    const store = openExistingLibrary(values.library);
    try {
      const all = store.list({ sort: 'date' });
      const titles = newspaperIndex(all);
      const docs = all.map((d) => listEntry(d, titles.nameOf(d)));
      if (values.json) io.out(JSON.stringify(docs, null, 2) + '\n');
      // On stderr: stdout stays one document a line for scripts (and --json prints []).
      else if (!docs.length) io.err(`no documents in ${printable(store.dir)}\n`);
      else
        for (const d of docs) {
          const pages = plural(d.pages, 'page');
          // One name a newspaper, as the app shows it; --json has each page's own spelling too.
          io.out([d.id, d.date || '-', printable(d.newspaperTitle) || '-', pages, printable(d.file)].join('\t') + '\n');
        }
      return 0;
    } finally {
      store.close();
    }
  },
};

import type { DocumentSummary } from '../../core/library-model.ts';
import { LIBRARY_OPTION_HELP, type Command } from './command.ts';
import { openExistingLibrary } from './open-library.ts';
import { printable } from './printable.ts';

/** One document as `list --json` prints it. Fields are only ever added, never renamed. */
export interface ListEntry {
  id: string;
  file: string;
  pages: number;
  newspaper: string;
  date: string;
  page: number | null;
  edition: string;
  title: string;
  kind: DocumentSummary['kind'];
  importedAt: string;
}

export function listEntry(d: DocumentSummary): ListEntry {
  return {
    id: d.id,
    file: d.fileName,
    pages: d.pageCount,
    newspaper: d.newspaper,
    date: d.date,
    page: d.page,
    edition: d.edition,
    title: d.title,
    kind: d.kind,
    importedAt: d.importedAt,
  };
}

export const listCommand: Command = {
  name: 'list',
  summary: 'list the documents of a library; one a line (id, date, newspaper, pages, file), or JSON',
  usage: 'list [--library DIR] [--json]',
  optionHelp: [LIBRARY_OPTION_HELP, '--json          a JSON array: { id, file, pages, newspaper, date, page, edition, title, kind, importedAt }'],
  options: { library: { type: 'string' }, json: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    if (positionals.length) throw new Error(`list takes no file names (got ${printable(positionals[0])})`);
    const store = openExistingLibrary(values.library);
    try {
      const docs = store.list({ sort: 'date' }).map(listEntry);
      if (values.json) io.out(JSON.stringify(docs, null, 2) + '\n');
      else
        for (const d of docs) {
          const pages = `${d.pages} page${d.pages === 1 ? '' : 's'}`;
          io.out([d.id, d.date || '-', printable(d.newspaper) || '-', pages, printable(d.file)].join('\t') + '\n');
        }
      return 0;
    } finally {
      store.close();
    }
  },
};

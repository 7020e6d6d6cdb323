import { errorLine, LIBRARY_OPTION_HELP, UsageError, type Command } from './command.ts';
import { openExistingLibrary } from './open-library.ts';
import { resolveDocumentId } from './document-id.ts';
import { printable } from './printable.ts';

export const removeCommand: Command = {
  name: 'remove',
  summary: 'remove documents by id (as list prints them); their pages, and their originals when nothing else uses them, go too',
  usage: 'remove [--library DIR] ID…',
  optionHelp: [LIBRARY_OPTION_HELP],
  options: { library: { type: 'string' } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('remove needs at least one document id (see broadsheet list)');
    const store = openExistingLibrary(values.library);
    try {
      // Every id resolved (a unique prefix of 8 or more is enough) before anything is removed.
      const ids = positionals.map((typed) => resolveDocumentId(store, typed));
      const names = new Map(ids.map((id) => [id, store.get(id)?.fileName ?? '']));
      const result = store.removeDocuments(ids);
      for (const id of result.removed) io.out(`removed ${id} ${printable(names.get(id)!)}\n`);
      for (const id of result.missing) io.err(errorLine(`${id}: no such document in ${printable(store.dir)}`));
      io.out(`removed ${result.removed.length}, not found ${result.missing.length}, originals deleted ${result.originalsDeleted}\n`);
      return result.missing.length ? 1 : 0;
    } finally {
      store.close();
    }
  },
};

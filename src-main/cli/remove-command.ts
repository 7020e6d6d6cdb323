import { SHA256_RE } from '../library/library-store.ts';
import { errorLine, LIBRARY_OPTION_HELP, UsageError, type Command } from './command.ts';
import { openExistingLibrary } from './open-library.ts';
import { printable } from './printable.ts';

export const removeCommand: Command = {
  name: 'remove',
  summary: 'remove documents by id (as list prints them); their pages, and their originals when nothing else uses them, go too',
  usage: 'remove [--library DIR] ID…',
  optionHelp: [LIBRARY_OPTION_HELP],
  options: { library: { type: 'string' } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('remove needs at least one document id (see broadsheet list)');
    const bad = positionals.find((id) => !SHA256_RE.test(id));
    if (bad !== undefined) throw new UsageError(`not a document id: ${printable(bad)} (expected 64 hex digits, as broadsheet list prints)`);
    const store = openExistingLibrary(values.library);
    try {
      const names = new Map(positionals.map((id) => [id, store.get(id)?.fileName ?? '']));
      const result = store.removeDocuments(positionals);
      for (const id of result.removed) io.out(`removed ${id} ${printable(names.get(id)!)}\n`);
      for (const id of result.missing) io.err(errorLine(`${id}: no such document in ${printable(store.dir)}`));
      io.out(`removed ${result.removed.length}, not found ${result.missing.length}, originals deleted ${result.originalsDeleted}\n`);
      return result.missing.length ? 1 : 0;
    } finally {
      store.close();
    }
  },
};

import { convertAllRawItems, pendingRawItems } from '../library/raw-items-upgrade.ts';
import { LIBRARY_OPTION_HELP, UsageError, type Command } from './command.ts';
import { openExistingLibrary } from './open-library.ts';
import { plural } from '../../core/plural.ts';

/**
 * `broadsheet upgrade`: what the app does in the background after opening a
 * library an older version made, at once and to the end: the pages stored
 * whole as JSON converted to the current form (raw-items-upgrade.ts). Other
 * commands read both forms and never start it: a `list` or a `search` must
 * not turn into minutes of conversion. Interrupted (Ctrl+C), it has lost
 * nothing, and running it again (or the app) goes on where it stopped.
 */
export const upgradeCommand: Command = {
  name: 'upgrade',
  summary: 'convert the pages an older version stored to the current storage form now (the app does it in the background)',
  usage: 'upgrade [--library DIR]',
  optionHelp: [LIBRARY_OPTION_HELP],
  options: { library: { type: 'string' } },
  async run({ values, positionals }, io) {
    if (positionals.length) throw new UsageError('upgrade takes no arguments (see broadsheet upgrade --help)');
    const store = openExistingLibrary(values.library);
    try {
      const total = pendingRawItems(store.db);
      if (total === 0) {
        io.out('nothing to convert: every page is in the current storage form\n');
        return 0;
      }
      let shown = -Infinity;
      const { converted, kept } = convertAllRawItems(store.db, (done) => {
        // A line that rewrites itself on a terminal, a few times a second at most; nothing on a pipe until the end.
        if (io.tty && performance.now() - shown > 250) {
          shown = performance.now();
          io.err(`\rconverting pages ${done}/${total}`);
        }
      });
      if (io.tty) io.err('\r\x1b[K');
      io.out(`converted ${plural(converted, 'page')} to the current storage form${kept ? `; ${kept} left as they were (not readable as JSON, or rewritten meanwhile)` : ''}\n`);
      return 0;
    } finally {
      store.close();
    }
  },
};

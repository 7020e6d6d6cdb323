import { createProcessor } from '../library/processor.ts';
import { rebuildPages, verifyLibrary } from '../library/verify-library.ts';
import { LIBRARY_OPTION_HELP, type Command } from './command.ts';
import { openExistingLibrary } from './open-library.ts';
import { printable } from './printable.ts';
import { plural } from '../../core/plural.ts';

export const verifyCommand: Command = {
  name: 'verify',
  summary:
    'check a library: every original against its fixity record, every page, the database; one line a problem, exit 0 only when all is well (re-hashes every original, checks pages 1..N of each document, runs SQLite integrity_check); a PDF whose end is damaged is a warning line, as at import',
  usage: 'verify [--library DIR] [--repair]',
  optionHelp: [
    LIBRARY_OPTION_HELP,
    '--repair        delete what failed or killed imports left behind and originals of no document (never an import',
    '                in progress), and rebuild missing pages from intact originals; a damaged original is only reported',
  ],
  options: { library: { type: 'string' }, repair: { type: 'boolean' } },
  async run({ values, positionals }, io) {
    if (positionals.length) throw new Error(`verify takes no file names (got ${printable(positionals[0])})`);
    const store = openExistingLibrary(values.library);
    try {
      const repair = values.repair === true;
      let report = verifyLibrary(store, { repair });
      const repaired = [...report.repaired];
      if (repair && report.rebuildable.length) {
        const processor = createProcessor();
        try {
          repaired.push(...(await rebuildPages(store, processor, report.rebuildable)));
        } finally {
          await processor.close();
        }
        report = verifyLibrary(store);
      }
      for (const line of repaired) io.out(`repaired: ${printable(line)}\n`);
      for (const line of report.problems) io.err(`problem: ${printable(line)}\n`);
      for (const line of report.warnings) io.err(`warning: ${printable(line)}\n`);
      const busy = report.importsInProgress ? `; ${plural(report.importsInProgress, 'import')} in progress elsewhere` : '';
      // Warnings do not change the exit status: the originals are the bytes that were imported.
      const warned = report.warnings.length ? `; ${plural(report.warnings.length, 'warning')}` : '';
      io.out(
        report.problems.length
          ? `${plural(report.problems.length, 'problem')} in ${plural(report.documents, 'document')}${warned} (library: ${printable(store.dir)}${busy})\n`
          : `${report.warnings.length ? 'no problems' : 'all well'}: ${plural(report.documents, 'document')}, every original matches its fixity record${warned} (library: ${printable(store.dir)}${busy})\n`,
      );
      return report.problems.length ? 1 : 0;
    } finally {
      store.close();
    }
  },
};

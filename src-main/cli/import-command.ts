import { statSync } from 'node:fs';
import { nothingImported, repeatLine, repeatOf, repeatsPhrase, usedPhrase } from '../../core/import-report.ts';
import type { ImportResult } from '../../core/library-model.ts';
import type { PageProcessor } from '../library/import-service.ts';
import type { LibraryStore } from '../library/library-store.ts';
import { chooseLibraryDir } from '../services/paths.ts';
import { errorLine, LIBRARY_OPTION_HELP, UsageError, type CliIo, type Command } from './command.ts';
import { printable } from './printable.ts';

// The library's modules (SQLite store, import service, search index, METS and ALTO readers) are loaded by
// `run`, after it has started the extraction worker (see there): imported here, they would load before it.

function bar(done: number, total: number, file: string, page?: { page: number; pages: number }): string {
  const width = 28;
  // Within a long file, the bar moves with its pages.
  const share = page?.pages ? Math.min(1, page.page / page.pages) : 0;
  const filled = total ? Math.round(((done + share) / total) * width) : width;
  const pages = page ? ` p. ${page.page}${page.pages ? `/${page.pages}` : ''}` : '';
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${printable(file).slice(-40).padEnd(40)}${pages.padEnd(12)}`;
}

/** `import --library DIR FILES…`: good files import even when others fail; the result says which. */
export async function importCommand(store: LibraryStore, processor: PageProcessor, paths: string[], io: CliIo): Promise<ImportResult[]> {
  const { importPaths } = await import('../library/import-paths.ts');
  const results = await importPaths(store, processor, paths, (done, total, file, page) => {
    if (io.tty) io.err(bar(done, total, file, page) + (done === total ? '\n' : ''));
  });
  for (const r of results) {
    const of = repeatOf(r, results);
    if (r.status === 'failed') io.err(errorLine(printable(r.error!)));
    // Imported, yet worth knowing (a PDF cut short at its end): said, but no failure and no exit status.
    if (r.warning) io.err(errorLine(`warning: ${printable(r.warning)}`));
    if (of !== null) io.out(`${printable(repeatLine(r.file, of))} (${r.id})\n`);
    else if (r.status === 'duplicate') io.out(`already in library: ${printable(r.file)} (${r.id})${r.upgraded ? '; its newspaper and date now come from its METS' : ''}\n`);
    // The ALTO it brought: the pages were rebuilt with its layout, or the note says why not.
    if (r.status === 'duplicate' && r.note) io.out(`${printable(r.note)}\n`);
  }
  // A few skipped files are named one by one; a batch's hundreds of images are counted per reason.
  const skippedFiles = results.filter((r) => r.status === 'skipped');
  if (skippedFiles.length <= 10) for (const r of skippedFiles) io.err(`skipped: ${printable(r.error ?? r.file)}\n`);
  else for (const [reason, n] of skippedByReason(results)) io.err(`skipped ${n} × ${printable(reason)}\n`);
  const count = (s: ImportResult['status']) => results.filter((r) => r.status === s).length;
  const skipped = count('skipped') ? `, skipped ${count('skipped')}` : '';
  // A METS read for its pages' metadata is the import working: said as used, never as skipped.
  // Copies of one file within this import were not in the library before it: counted apart (core/import-report.ts).
  const repeats = results.filter((r) => repeatOf(r, results) !== null).length;
  const repeated = repeats ? `, ${repeatsPhrase(repeats)}` : '';
  const used = count('used') ? `, ${usedPhrase(count('used'))}` : '';
  io.out(`imported ${count('imported')}, already in library ${count('duplicate') - repeats}, failed ${count('failed')}${repeated}${used}${skipped} (library: ${printable(store.dir)})\n`);
  // Skipping is deliberate (an ALTO without its scan): a note saying so, not an error; the reasons are on standard error, where the skipped files are named (stdout may be read apart).
  if (nothingImported(results)) io.out('nothing imported: no .pdf or .txt file in what was given (each skipped file is named, with its reason, on standard error)\n');
  return results;
}

/** Non-zero when any file failed; files skipped on purpose (an ALTO without its scan) are no failure, even all of them. */
export function importExitCode(results: ImportResult[]): number {
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

export const importCommandSpec: Command = {
  name: 'import',
  summary:
    'copy files and folders into the library, extract and clean them; one line per failure, a summary naming duplicates, non-zero exit if any failed',
  usage: 'import [--library DIR] FILE|FOLDER…',
  optionHelp: [LIBRARY_OPTION_HELP],
  options: { library: { type: 'string' } },
  async run({ values, positionals }, io) {
    if (positionals.length === 0) throw new UsageError('import needs at least one file or folder (see broadsheet import --help)');
    // The extraction worker starts first, and loads pdf.js at once: a one-file import (an archivist's
    // script runs one per file) otherwise met the worker's whole start-up only after the main thread had
    // loaded the library's modules and stored the file, one after the other on a two-core machine.
    const { createExtractPool } = await import('../extract/extract-pool.ts');
    const pool = createExtractPool();
    if (positionals.some(mayHoldPdfs)) pool.warm(1);
    const [{ LibraryStore }, { createProcessor }, { SearchService }] = await Promise.all([
      import('../library/library-store.ts'),
      import('../library/processor.ts'),
      import('../search/search-service.ts'),
    ]);
    let store: LibraryStore;
    try {
      store = new LibraryStore(chooseLibraryDir(values.library as string | undefined));
    } catch (err) {
      await pool.close();
      throw err;
    }
    const processor = createProcessor({ pool });
    // The search index follows every import (the app does it on library.changed). Open during the
    // import, it takes each document's text in batches as the pages come (stored-page-texts.ts).
    const search = new SearchService(store);
    try {
      const results = await importCommand(store, processor, positionals, io);
      search.catchUpSync();
      return importExitCode(results);
    } finally {
      search.close();
      await processor.close();
      store.close();
    }
  },
};

/** A batch skips hundreds of images for one reason: say each reason once, with its count. */
export function skippedByReason(results: readonly ImportResult[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of results) {
    if (r.status !== 'skipped') continue;
    const reason = (r.error ?? '').replace(/^[^:]*: /, '');
    out.set(reason, (out.get(reason) ?? 0) + 1);
  }
  return out;
}

/** A folder, or a file named .pdf: worth starting pdf.js for before the files are read (a text dump is not). */
function mayHoldPdfs(path: string): boolean {
  if (/\.pdf$/i.test(path)) return true;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

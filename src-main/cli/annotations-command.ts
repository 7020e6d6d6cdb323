import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { MAX_ANNOTATION_FILE_BYTES } from '../../core/annotations/requests.ts';
import { plural } from '../../core/plural.ts';
import { AnnotationService } from '../library/annotation-service.ts';
import { LibraryStore } from '../library/library-store.ts';
import { LIBRARY_OPTION_HELP, UsageError, type Command, type ParsedCommandArgs } from './command.ts';
import { chooseLibraryDir } from '../services/paths.ts';
import { resolveDocumentId } from './document-id.ts';

/**
 * `broadsheet annotations export|import`: the same validation and storage as
 * the app (AnnotationService). Import checks a file's size before reading it,
 * reports each bad annotation by index, imports the good ones in one
 * transaction, and is idempotent.
 */

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function openLibrary(dir: string): LibraryStore {
  // Exporting from or importing into a folder that is not a library is a typo, not a wish for a new library.
  if (!existsSync(join(dir, 'library.sqlite'))) throw new Error(`${dir}: not a Broadsheet library (no library.sqlite)`);
  return new LibraryStore(dir);
}

/** Reads a text file no larger than `limit`, as strict UTF-8; errors name the file and the reason. */
export function readBoundedText(file: string, limit = MAX_ANNOTATION_FILE_BYTES): string {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new Error('not a regular file');
    size = st.size;
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error && 'code' in err && err.code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  if (size > limit) throw new Error(`${file}: ${mb(size)} is larger than the ${mb(limit)} limit for annotation files`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (err) {
    throw new Error(`${file}: not UTF-8 text`, { cause: err });
  }
}

/** Writes via a temp file + fsync + rename, so an interrupted export never leaves half a file under the name. */
function writeAtomically(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o644);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

type Values = ParsedCommandArgs['values'];
const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);
const chooseLibrary = (flag: string | undefined) => chooseLibraryDir(flag);

export const annotationsCommandSpec: Command = {
  name: 'annotations',
  // The overview (broadsheet --help) shows the summary up to its first ';': both halves are named before it.
  summary: 'export annotations as W3C Web Annotation JSON-LD (default) or a CSV of notes, or import a W3C file; import lists bad ones by place (1 = first) and reason, keeps the good ones, and is idempotent',
  usage: 'annotations export|import [--library DIR] [--format w3c|csv] [--out FILE] [--doc ID] [FILE]',
  optionHelp: [
    LIBRARY_OPTION_HELP,
    '--format F      export as w3c (JSON-LD, default) or csv',
    '--out FILE      write the export to FILE (atomically) instead of standard output',
    '--doc ID        export one document’s annotations only',
  ],
  options: { library: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, doc: { type: 'string' } },
  async run({ values, positionals }, io) {
    return annotationsCommand(positionals, values, io);
  },
};

export function annotationsCommand(positionals: string[], values: Values, io: Io): number {
  const [sub, ...rest] = positionals;
  const args = { positional: rest, flags: { get: (k: string) => str(values[k]) } };
  if (sub === 'export') {
    if (args.positional.length) throw new UsageError(`annotations export takes no files (did you mean --out ${args.positional[0]}?)`);
    const format = args.flags.get('format') ?? 'w3c';
    if (format !== 'w3c' && format !== 'csv') throw new Error(`--format must be w3c or csv (got "${String(format)}")`);
    const store = openLibrary(chooseLibrary(args.flags.get('library')));
    try {
      const typed = args.flags.get('doc');
      const doc = typed === undefined ? undefined : resolveDocumentId(store, typed);
      const service = new AnnotationService(store);
      const text = format === 'w3c' ? service.exportW3C(doc) : service.exportCsv(doc);
      const out = args.flags.get('out');
      if (out) {
        writeAtomically(out, text);
        io.err(`exported ${plural(service.annotations.list({ docId: doc }).length, 'annotation')} to ${out}\n`);
      } else io.out(text);
      return 0;
    } finally {
      store.close();
    }
  }
  if (sub === 'import') {
    if (args.positional.length !== 1) throw new UsageError('annotations import takes exactly one file');
    const file = args.positional[0];
    const libraryDir = chooseLibrary(args.flags.get('library'));
    // Read and check the file before opening the library: a bad file touches nothing.
    const text = readBoundedText(file);
    const store = openLibrary(libraryDir);
    try {
      let report;
      try {
        report = new AnnotationService(store).importW3C(text);
      } catch (err) {
        throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      for (const e of report.errors) io.err(`${file}: annotation ${e.index + 1}: ${e.error}\n`);
      io.out(`imported ${report.imported}, updated ${report.updated}, already present ${report.unchanged}, rejected ${report.errors.length} (library: ${store.dir})\n`);
      return report.errors.length ? 1 : 0;
    } finally {
      store.close();
    }
  }
  throw new UsageError(`annotations needs "export" or "import" (see broadsheet annotations --help)`);
}

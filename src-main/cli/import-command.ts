import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportResult } from '../../core/library-model.ts';
import { importError, importFiles, type ImportInput, type PageProcessor } from '../library/import-service.ts';
import type { LibraryStore } from '../library/library-store.ts';

/** Expands folders into the .pdf/.txt files inside them, in a stable order. */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      out.push(path); // reported as unreadable by the importer
      continue;
    }
    if (!isDir) out.push(path);
    else
      for (const entry of readdirSync(path).sort()) {
        const child = join(path, entry);
        if (statSync(child).isDirectory() || /\.(pdf|txt)$/i.test(entry)) out.push(...collectFiles([child]));
      }
  }
  return out;
}

function bar(done: number, total: number, file: string): string {
  const width = 28;
  const filled = total ? Math.round((done / total) * width) : width;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${file.slice(-40).padEnd(40)}`;
}

/** `import --library DIR FILES…`: good files import even when others fail; the result says which. */
export async function importCommand(
  store: LibraryStore,
  processor: PageProcessor,
  paths: string[],
  io: { err: (s: string) => void; out: (s: string) => void; tty: boolean },
): Promise<ImportResult[]> {
  const files = collectFiles(paths);
  const results: ImportResult[] = [];
  // Files are read one at a time so a folder of large scans never sits in memory at once.
  for (const [index, file] of files.entries()) {
    if (io.tty) io.err(bar(index, files.length, file));
    let input: ImportInput;
    try {
      input = { name: file, bytes: readFileSync(file) };
    } catch (err) {
      results.push({ file, status: 'failed', error: importError(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`) });
      continue;
    }
    results.push(...(await importFiles(store, processor, [input])));
  }
  if (io.tty) io.err(bar(files.length, files.length, '') + '\n');
  for (const r of results) if (r.status === 'failed') io.err(`error: ${r.error}\n`);
  const count = (s: ImportResult['status']) => results.filter((r) => r.status === s).length;
  io.out(`imported ${count('imported')}, already in library ${count('duplicate')}, failed ${count('failed')} (library: ${store.dir})\n`);
  return results;
}

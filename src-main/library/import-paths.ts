import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportResult } from '../../core/library-model.ts';
import { importError, importFiles, type PageProcessor } from './import-service.ts';
import type { LibraryStore } from './library-store.ts';

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

/**
 * Imports files and folders from disk, as the CLI and Electron's File menu
 * do. Files are read one at a time so a folder of large scans never sits in
 * memory at once; an unreadable file is a failed result, not an abort.
 */
export async function importPaths(
  store: LibraryStore,
  processor: PageProcessor,
  paths: string[],
  onProgress?: (done: number, total: number, file: string) => void,
): Promise<ImportResult[]> {
  const files = collectFiles(paths);
  const results: ImportResult[] = [];
  for (const [index, file] of files.entries()) {
    onProgress?.(index, files.length, file);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      results.push({ file, status: 'failed', error: importError(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`) });
      continue;
    }
    results.push(...(await importFiles(store, processor, [{ name: file, bytes }])));
  }
  onProgress?.(files.length, files.length, '');
  return results;
}

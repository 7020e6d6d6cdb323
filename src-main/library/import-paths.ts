import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { skipReason } from '../../core/import-report.ts';
import type { ImportResult } from '../../core/library-model.ts';
import { importError, importFiles, type PageProcessor } from './import-service.ts';
import type { LibraryStore } from './library-store.ts';

/**
 * Expands folders into the .pdf/.txt files inside them, in a stable order.
 * What a folder holds besides (ALTO/METS XML beside a scan, notes) and empty
 * folders come back as skipped results, so the caller can say what was left
 * out and why. Files named directly are always tried: the importer says why
 * one cannot be imported.
 */
export function collectFiles(paths: string[]): { files: string[]; skipped: ImportResult[] } {
  const files: string[] = [];
  const skipped: ImportResult[] = [];
  const walk = (path: string, named: boolean) => {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      files.push(path); // reported as unreadable by the importer
      return;
    }
    if (!isDir) {
      const reason = named ? null : skipReason(path);
      if (reason) skipped.push({ file: path, status: 'skipped', error: importError(path, reason) });
      else files.push(path);
      return;
    }
    const entries = readdirSync(path).sort();
    if (entries.length === 0) skipped.push({ file: path, status: 'skipped', error: importError(path, 'empty folder') });
    for (const entry of entries) walk(join(path, entry), false);
  };
  for (const path of paths) walk(path, true);
  return { files, skipped };
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
  const { files, skipped } = collectFiles(paths);
  const results: ImportResult[] = [...skipped];
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

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { skipReason } from '../../core/import-report.ts';
import type { ImportResult } from '../../core/library-model.ts';
import { importError, importFiles, type ImportInput, type PageProcessor } from './import-service.ts';
import type { LibraryStore } from './library-store.ts';
import { planNdnpImport, type PlannedPage } from './ndnp/batch-plan.ts';

/**
 * Expands folders into the .pdf/.txt files inside them, in a stable order,
 * leaving out `claimed` files (an NDNP plan accounts for those). What a
 * folder holds besides (ALTO/METS XML beside a scan, notes) and empty folders
 * come back as skipped results, so the caller can say what was left out and
 * why. Files named directly are always tried: the importer says why one
 * cannot be imported.
 */
export function collectFiles(paths: string[], claimed: ReadonlySet<string> = new Set()): { files: string[]; skipped: ImportResult[] } {
  const files: string[] = [];
  const skipped: ImportResult[] = [];
  const walk = (path: string, named: boolean) => {
    if (claimed.has(path)) return;
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
  // NDNP batches, titles, reels and issue folders: their pages import with the METS metadata, in issue order.
  const ndnp = new Map<string, PlannedPage>();
  const claimed = new Set<string>();
  const results: ImportResult[] = [];
  for (const path of paths) {
    const plan = planNdnpImport(path);
    for (const page of plan.pages) ndnp.set(page.pdf, page);
    for (const c of plan.claimed) claimed.add(c);
    for (const s of plan.skipped) results.push({ file: s.path, status: 'skipped', error: importError(s.path, s.reason) });
  }
  const collected = collectFiles(paths, claimed);
  results.push(...collected.skipped);
  const files = [...ndnp.keys(), ...collected.files];
  for (const [index, file] of files.entries()) {
    onProgress?.(index, files.length, file);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      results.push({ file, status: 'failed', error: importError(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`) });
      continue;
    }
    const input: ImportInput = { name: file, bytes };
    const planned = ndnp.get(file);
    if (planned) {
      const m = planned.meta;
      input.meta = { newspaper: store.titleName(m.lccn) || m.newspaper || m.lccn, date: m.date, edition: m.edition, page: /^\d+$/.test(m.pageNumber) ? Number(m.pageNumber) : null };
      input.placement = { lccn: m.lccn, issue: m.issue, sequence: m.sequence, pageLabel: m.pageNumber, volume: m.volume, number: m.number };
    }
    results.push(...(await importFiles(store, processor, [input])));
  }
  onProgress?.(files.length, files.length, '');
  return results;
}

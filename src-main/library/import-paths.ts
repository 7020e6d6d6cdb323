import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportResult } from '../../core/library-model.ts';
import { importError, importFiles, type ImportInput, type PageProcessor } from './import-service.ts';
import type { LibraryStore } from './library-store.ts';
import { planNdnpImport, type PlannedPage } from './ndnp/batch-plan.ts';

/** Expands folders into the .pdf/.txt files inside them, in a stable order, leaving out `claimed` files. */
export function collectFiles(paths: string[], claimed: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const path of paths) {
    if (claimed.has(path)) continue;
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
        if (statSync(child).isDirectory() || /\.(pdf|txt)$/i.test(entry)) out.push(...collectFiles([child], claimed));
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
  const files = [...ndnp.keys(), ...collectFiles(paths, claimed)];
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

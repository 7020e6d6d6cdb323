import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { IMPORTABLE, skipReason } from '../../core/import-report.ts';
import type { ImportResult } from '../../core/library-model.ts';
import { fileErrorReason } from './file-error-reason.ts';
import { throttledPageProgress } from './page-progress.ts';
import { importError, importOne, mapConcurrent, maxImportBytes, tooLargeReason, type ImportInput, type PageProcessor } from './import-service.ts';
import type { LibraryStore } from './library-store.ts';
import { plannedMetadata } from './ndnp/planned-input.ts';
import { planNdnpImport, type PlannedPage } from './ndnp/batch-plan.ts';
import { readAltoBytesAsync, siblingAlto } from './alto-sidecar.ts';
import { ReadAheadGate } from './read-ahead.ts';
import { nextQueuedAt } from './queued-at.ts';

export interface CollectedFiles {
  files: string[];
  /** Entries that are not imported, each with its reason (core/import-report.ts: other files, empty folders; non-regular files, links out of the folder). */
  skipped: ImportResult[];
}

function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

function inside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * Expands folders into the .pdf/.txt files inside them, in a stable order.
 * Symbolic links to files are followed; links to folders only when they stay
 * inside the folder given, and no folder is walked twice, so `ln -s .. loop`
 * cannot lead the walk out. FIFOs, sockets and devices are skipped, never
 * opened (opening a FIFO blocks forever). A path that cannot be read is kept
 * so the importer reports it as failed, and the rest still imports. Paths in
 * `claimed` (pages an NDNP batch plan imports itself) are left out. What a
 * folder holds besides (ALTO/METS XML beside a scan, notes) and empty folders
 * come back as skipped, each with its reason, so the caller can say what was
 * left out and why.
 */
export function collectFiles(paths: string[], claimed: ReadonlySet<string> = new Set()): CollectedFiles {
  const files: string[] = [];
  const skipped: ImportResult[] = [];
  const skip = (file: string, reason: string) => skipped.push({ file, status: 'skipped', error: importError(file, reason) });

  const walk = (dir: string, root: string, visited: Set<string>) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (err) {
      files.push(dir); // reported by the reader with its reason
      void err;
      return;
    }
    if (entries.length === 0) skip(dir, 'empty folder');
    for (const entry of entries) {
      const child = join(dir, entry.name);
      if (claimed.has(child)) continue;
      const named = IMPORTABLE.test(entry.name);
      if (entry.isSymbolicLink()) {
        let real: string;
        let st: Stats;
        try {
          real = realpathSync(child);
          st = statSync(real);
        } catch {
          if (named) files.push(child); // a dangling link: failed with its reason, the folder goes on
          continue;
        }
        if (st.isDirectory()) {
          if (!inside(real, root)) skip(child, `link to a folder outside ${root}: not followed`);
          else if (!visited.has(real)) {
            visited.add(real);
            walk(child, root, visited);
          }
        } else if (named) {
          if (st.isFile()) files.push(child);
          else skip(child, `${kindOf(st)}: skipped`);
        }
      } else if (entry.isDirectory()) {
        let real: string;
        try {
          real = realpathSync(child);
        } catch {
          continue;
        }
        if (visited.has(real)) continue;
        visited.add(real);
        walk(child, root, visited);
      } else if (named) {
        if (entry.isFile()) files.push(child);
        else {
          let what = 'not a regular file';
          try {
            what = kindOf(lstatSync(child));
          } catch {
            // vanished meanwhile
          }
          skip(child, `${what}: skipped`);
        }
      } else if (entry.isFile()) skip(child, skipReason(entry.name) ?? 'not a page file');
    }
  };

  for (const path of paths) {
    if (claimed.has(path)) continue;
    let st: Stats;
    try {
      st = statSync(path);
    } catch {
      files.push(path); // reported by the reader ("no such file", "dangling link")
      continue;
    }
    if (st.isDirectory()) {
      const root = realpathSync(path);
      walk(path, root, new Set([root]));
    } else if (st.isFile()) {
      // An ALTO or METS named alone (no PDF of it in this import claimed it) is skipped with the reason the app gives, not failed.
      const xml = /\.xml$/i.test(path) ? skipReason(path) : null;
      if (xml) skip(path, xml);
      else files.push(path);
    } else skip(path, `${kindOf(st)}: skipped`);
  }
  return { files, skipped };
}

/** Why a path cannot be read, in words: a dangling link says so rather than "no such file". */
function unreadableReason(file: string, err: unknown): string {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
    try {
      if (lstatSync(file).isSymbolicLink()) return 'dangling symbolic link (its target does not exist)';
    } catch {
      // not there at all
    }
  }
  return fileErrorReason(err);
}

/**
 * Reads one file for import: opened without blocking (a FIFO swapped in after
 * the walk still cannot hang us), refused unless it is a regular file, and
 * refused with a one-line reason when it is too large to handle.
 */
export function readImportFile(file: string): ReadImport {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { status: 'failed', reason: unreadableReason(file, err) };
  }
  try {
    const st = fstatSync(fd);
    const refused = refusal(file, st);
    if (refused) return refused;
    const bytes = Buffer.allocUnsafeSlow(st.size);
    let at = 0;
    while (at < st.size) {
      const n = readSync(fd, bytes, at, st.size - at, at);
      if (n === 0) break;
      at += n;
    }
    return { bytes: at === st.size ? bytes : bytes.subarray(0, at) };
  } catch (err) {
    return { status: 'failed', reason: fileErrorReason(err) };
  } finally {
    closeSync(fd);
  }
}

type ReadImport = { bytes: Uint8Array } | { status: 'failed' | 'skipped'; reason: string };

/** Why an open file is not read for import (a folder, not a regular file, too large), or null. */
function refusal(file: string, st: Stats): ReadImport | null {
  if (st.isDirectory()) return { status: 'failed', reason: fileErrorReason(Object.assign(new Error(), { code: 'EISDIR' })) };
  if (!st.isFile()) return { status: 'skipped', reason: `${kindOf(st)}: skipped` };
  const limit = maxImportBytes(file);
  if (st.size > limit) return { status: 'failed', reason: tooLargeReason(st.size, limit) };
  return null;
}

/**
 * readImportFile on libuv's thread pool, with the same checks and reasons: a
 * batch's main thread goes on storing the pages the workers send meanwhile
 * (reading a scan and its ALTO held it ~7 ms a file).
 */
export async function readImportFileAsync(file: string): Promise<ReadImport> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { status: 'failed', reason: unreadableReason(file, err) };
  }
  try {
    const st = await handle.stat();
    const refused = refusal(file, st);
    if (refused) return refused;
    const bytes = Buffer.allocUnsafeSlow(st.size);
    let at = 0;
    while (at < st.size) {
      const { bytesRead } = await handle.read(bytes, at, st.size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return { bytes: at === st.size ? bytes : bytes.subarray(0, at) };
  } catch (err) {
    return { status: 'failed', reason: fileErrorReason(err) };
  } finally {
    await handle.close();
  }
}

/** The file's size for the read-ahead gate; 0 when it cannot be told (readImportFile then says why). */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
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
  /** `page`/`pages`: of `file`, as its pages are stored (throttled, see page-progress.ts). */
  onProgress?: (done: number, total: number, file: string, page?: { page: number; pages: number }) => void,
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
    for (const u of plan.used) results.push({ file: u.path, status: 'used', note: importError(u.path, u.reason) });
  }
  const collected = collectFiles(paths, claimed);
  results.push(...collected.skipped);
  const files = [...ndnp.keys(), ...collected.files];
  let done = 0;
  // As many files at once as the processor has workers, and one small one more read ahead so a worker that
  // finishes finds its next file waiting (read-ahead.ts): each is read only when its turn comes,
  // so a folder of large scans never sits in memory at once.
  const gate = new ReadAheadGate(processor.concurrency ?? 1, processor.readAhead ?? 0);
  const imported = await mapConcurrent(files, gate.lanes, async (file): Promise<ImportResult[]> => {
    const queuedAt = nextQueuedAt(); // taken in the order given, each later than the one before (queued-at.ts)
    const size = sizeOf(file);
    await gate.enter(size);
    onProgress?.(done, files.length, file);
    try {
      const read = await readImportFileAsync(file);
      if (!('bytes' in read)) return [{ file, status: read.status, error: importError(file, read.reason) }];
      const out: ImportResult[] = [];
      const planned = ndnp.get(file);
      // The OCR engine's layout, when the scan came with its ALTO (the issue METS names it, or it sits beside the PDF).
      const altoPath = /\.pdf$/i.test(file) ? (planned?.alto ?? siblingAlto(file)) : null;
      let alto: Uint8Array | null = null;
      try {
        alto = altoPath ? await readAltoBytesAsync(file, altoPath) : null;
      } catch (err) {
        // An unreadable or oversized ALTO costs the page its OCR layout, not its import.
        out.push({ file: altoPath!, status: 'skipped', error: `${(err as Error).message} (the page's layout comes from the PDF instead)` });
      }
      const input: ImportInput = { name: file, bytes: read.bytes, alto, queuedAt };
      if (planned) Object.assign(input, plannedMetadata(store, planned.meta));
      const onPages = onProgress && throttledPageProgress((page, pages) => onProgress(done, files.length, file, { page, pages }));
      out.push(await importOne(store, processor, input, onPages));
      return out;
    } finally {
      done++;
      gate.leave();
    }
  });
  results.push(...imported.flat());
  onProgress?.(files.length, files.length, '');
  return results;
}

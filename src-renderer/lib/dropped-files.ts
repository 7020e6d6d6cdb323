import { skipReason } from '../../core/import-report.ts';
import type { ImportResult } from '../../core/library-model.ts';
import { looksLikeAlto, looksLikeIssueMets, MAX_ALTO_BYTES, MAX_METS_BYTES } from '../../core/ndnp-sniff.ts';
import { rememberUploadPath } from './upload-paths.ts';

/**
 * Files from a drop, folders included (walked through webkitGetAsEntry),
 * keeping what the library can import and naming what it leaves out
 * (images, XML that is neither METS nor ALTO, empty folders) so the app can
 * say why. Each file keeps its place in the drop (upload-paths.ts); an NDNP
 * issue METS is kept too, and an ALTO page (its scan takes its layout): the
 * back end plans the batch from its folders and METS as it does a folder on
 * disk (src-main/library/ndnp/batch-plan.ts).
 */
export interface DroppedFiles {
  files: File[];
  skipped: ImportResult[];
}

const skip = (name: string, reason: string): ImportResult => ({ file: name, status: 'skipped', error: `${name}: ${reason}` });

/** A drop or a folder picker can hold a whole batch; past this many files the rest are named as left out. */
export const MAX_DROPPED_FILES = 20_000;

/** Sorts one file: kept (a page file, or an issue METS), or skipped with its reason. */
async function take(file: File, path: string, out: DroppedFiles): Promise<void> {
  const label = path.replace(/^\/+/, '') || file.name;
  if (out.files.length >= MAX_DROPPED_FILES) {
    out.skipped.push(skip(label, `more than ${MAX_DROPPED_FILES} files dropped at once: import the rest separately`));
    return;
  }
  const reason = skipReason(file.name);
  if (!reason) {
    out.files.push(rememberUploadPath(file, path));
    return;
  }
  if (/\.xml$/i.test(file.name) && file.size <= Math.max(MAX_METS_BYTES, MAX_ALTO_BYTES)) {
    // An issue METS (the batch's plan) or an ALTO page (its scan's layout) goes with the files; other XML does not.
    const head = await file.slice(0, 4096).text();
    if ((file.size <= MAX_METS_BYTES && looksLikeIssueMets(head)) || looksLikeAlto(head)) {
      out.files.push(rememberUploadPath(file, path));
      return;
    }
  }
  out.skipped.push(skip(label, reason));
}

/** Files picked with a folder picker (webkitdirectory) or dropped without entries: their webkitRelativePath says where they sat. */
export async function filesFromList(files: Iterable<File>): Promise<DroppedFiles> {
  const out: DroppedFiles = { files: [], skipped: [] };
  for (const f of files) await take(f, f.webkitRelativePath || f.name, out);
  return out;
}

export async function filesFromDrop(dt: DataTransfer): Promise<DroppedFiles> {
  const entries = [...dt.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  // No entries, or only files whose own webkitRelativePath says more than the entries do (files a folder
  // picker gave, dropped again): the files themselves, with the relative paths they carry.
  const carryPaths = [...dt.files].some((f) => f.webkitRelativePath.includes('/'));
  if (entries.length === 0 || (carryPaths && entries.every((e) => e.isFile))) return filesFromList(dt.files);
  const out: DroppedFiles = { files: [], skipped: [] };
  for (const entry of entries) await walk(entry, out);
  return out;
}

async function walk(entry: FileSystemEntry, out: DroppedFiles): Promise<void> {
  if (entry.isFile) {
    const reason = skipReason(entry.name);
    // Skipped files are named without being opened, unless they may be an issue METS.
    if (reason && !/\.xml$/i.test(entry.name)) out.skipped.push(skip(entry.fullPath.replace(/^\/+/, '') || entry.name, reason));
    else await take(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)), entry.fullPath, out);
    return;
  }
  if (!entry.isDirectory) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most ~100 entries per call: keep reading until empty.
  let any = false;
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    any = true;
    for (const child of batch) await walk(child, out);
  }
  if (!any) out.skipped.push(skip(entry.name, 'empty folder'));
}

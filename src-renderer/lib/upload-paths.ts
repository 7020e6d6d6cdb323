import type { ImportResult } from '../../core/library-model.ts';
import { toUploadPath } from '../../core/upload-path.ts';
import { planBatches } from './import-reader.ts';

/**
 * Where each dropped or picked file sat in what was dropped, sent beside its
 * bytes (`library.import`'s `path`) so the back end sees batch, title, reel
 * and issue folders. Kept per File object: the import code passes Files on
 * as they are.
 */
const paths = new WeakMap<File, string>();

/** Records a file's path in the drop (an entry's fullPath, or webkitRelativePath); returns the file. */
export function rememberUploadPath(file: File, path: string): File {
  const safe = toUploadPath(path, file.name);
  if (safe) paths.set(file, safe);
  return file;
}

/** The checked relative path to send, or undefined (then the file goes by its name alone). */
export function uploadPathOf(file: File): string | undefined {
  return paths.get(file) ?? toUploadPath(file.webkitRelativePath, file.name);
}

const folderOf = (path: string | undefined) => (path && path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const isXml = (f: { name: string }) => /\.xml$/i.test(f.name);

/**
 * Requests for an import (planBatches' size limits), with each folder's
 * XML (its issue METS) in every request that carries any of that folder's
 * other files: the back end plans each request on its own, and a page needs
 * its METS beside it to get its date, edition and order. Files go folder by
 * folder, METS first.
 */
export function planUploadBatches(files: readonly File[], maxEncodedBytes: number): number[][] {
  const folders = new Map<string, number[]>();
  files.forEach((f, i) => {
    const key = folderOf(uploadPathOf(f));
    folders.set(key, [...(folders.get(key) ?? []), i]);
  });
  const order: number[] = [];
  for (const list of folders.values()) order.push(...list.filter((i) => isXml(files[i])), ...list.filter((i) => !isXml(files[i])));
  return planBatches(
    order.map((i) => files[i].size),
    maxEncodedBytes,
  ).map((batch) => {
    const picked = batch.map((k) => order[k]);
    const have = new Set(picked);
    const needed = new Set(picked.filter((i) => !isXml(files[i])).map((i) => folderOf(uploadPathOf(files[i]))));
    const mets = [...needed].flatMap((folder) => (folder ? (folders.get(folder) ?? []).filter((i) => isXml(files[i]) && !have.has(i)) : []));
    return [...mets, ...picked];
  });
}

/**
 * Drops what only the split into requests caused: a METS read in one request
 * names a page sent in another, and that request's planner calls it missing.
 * A page that was really sent is never "skipped"; each METS is reported once.
 */
export function withoutSplitArtifacts(results: readonly ImportResult[], files: readonly File[]): ImportResult[] {
  const sent = new Set(files.map((f) => uploadPathOf(f)).filter(Boolean));
  const seen = new Set<string>();
  return results.filter((r) => {
    if (r.status !== 'skipped') return true;
    if (/\.pdf$/i.test(r.file) && sent.has(r.file)) return false;
    const line = `${r.file}\n${r.error}`;
    if (seen.has(line)) return false;
    seen.add(line);
    return true;
  });
}

import { skipReason } from '../../core/import-report.ts';
import type { ImportResult } from '../../core/library-model.ts';

/**
 * Files from a drop, folders included (walked through webkitGetAsEntry),
 * keeping what the library can import and naming what it leaves out
 * (ALTO/METS XML beside a scan, empty folders) so the app can say why.
 */
export interface DroppedFiles {
  files: File[];
  skipped: ImportResult[];
}

const skip = (name: string, reason: string): ImportResult => ({ file: name, status: 'skipped', error: `${name}: ${reason}` });

export async function filesFromDrop(dt: DataTransfer): Promise<DroppedFiles> {
  const entries = [...dt.items].map((item) => item.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  const out: DroppedFiles = { files: [], skipped: [] };
  if (entries.length === 0) {
    for (const f of dt.files) {
      const reason = skipReason(f.name);
      if (reason) out.skipped.push(skip(f.name, reason));
      else out.files.push(f);
    }
    return out;
  }
  for (const entry of entries) await walk(entry, out);
  return out;
}

async function walk(entry: FileSystemEntry, out: DroppedFiles): Promise<void> {
  if (entry.isFile) {
    const reason = skipReason(entry.name);
    if (reason) out.skipped.push(skip(entry.name, reason));
    else out.files.push(await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject)));
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

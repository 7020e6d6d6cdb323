import { readdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_ID_RE } from '../../core/library-model.ts';

/**
 * Where a library keeps a document's page previews: previews/<first two hex
 * digits>/<id>/. Shared by the preview service that writes them and by every
 * path that removes a document (LibraryStore.removeDocuments: the app's
 * Remove…, `broadsheet remove`), so a removed document's previews go with it
 * whoever removed it, not only when a host's background pass runs.
 */
export function previewDir(libraryDir: string, id: string): string {
  return join(libraryDir, 'previews', id.slice(0, 2), id);
}

/** Deletes one document's previews (nothing when it has none). */
export function removePreviews(libraryDir: string, id: string): void {
  if (!DOCUMENT_ID_RE.test(id)) throw new Error(`not a document id: ${id.slice(0, 80)}`);
  rmSync(previewDir(libraryDir, id), { recursive: true, force: true });
  removeIfEmpty(join(libraryDir, 'previews', id.slice(0, 2)));
}

/**
 * Deletes the previews of documents the library no longer holds (removed by
 * an older version, or by another process while a preview was being made).
 * Returns how many documents' previews went.
 */
export function pruneOrphanPreviews(libraryDir: string, holds: (id: string) => boolean): number {
  const root = join(libraryDir, 'previews');
  let pruned = 0;
  for (const prefix of safeReaddir(root))
    for (const id of safeReaddir(join(root, prefix)))
      if (!holds(id)) {
        rmSync(join(root, prefix, id), { recursive: true, force: true });
        pruned++;
        removeIfEmpty(join(root, prefix));
      }
  return pruned;
}

/** A prefix folder left with no document's previews goes too; one that still holds some (or a preview being written) stays. */
function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty, or already gone: both are fine.
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

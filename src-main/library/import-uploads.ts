import { skipReason } from '../../core/import-report.ts';
import type { ImportProgress, ImportResult } from '../../core/library-model.ts';
import { altoNamesBeside } from './alto-sidecar.ts';
import { importError, importFiles, type ImportInput, type PageProcessor } from './import-service.ts';
import type { LibraryStore } from './library-store.ts';
import { planNdnpImport } from './ndnp/batch-plan.ts';
import { memorySource } from './ndnp/memory-source.ts';
import { plannedMetadata } from './ndnp/planned-input.ts';

/** A file that came through the bridge (a drop, the Import… picker), with its place in what was dropped when known. */
export interface UploadInput {
  name: string;
  /** Relative path, already checked (core/upload-path.ts). */
  path?: string;
  bytes: Uint8Array;
}

/**
 * `library.import`: files sent by the renderer. Those that carry their
 * relative paths go through the same NDNP planner as a folder on disk
 * (batch-plan.ts over memory-source.ts): an issue METS among them gives its
 * pages their date, edition, order, printed numbers and LCCN, and is itself
 * reported as used. Pages import in issue order, then the
 * other files as before. Results name each file by its relative path.
 */
export async function importUploads(
  store: LibraryStore,
  processor: PageProcessor,
  uploads: readonly UploadInput[],
  onProgress?: (progress: Omit<ImportProgress, 'batch'>) => void,
): Promise<ImportResult[]> {
  const label = (u: UploadInput) => u.path ?? u.name;
  // Files picked with Import… come without a path: they sat side by side in one folder, so they are
  // planned at the top of the tree (a page's METS and ALTO picked with it are read for it).
  const keyOf = new Map<UploadInput, string>();
  const tree = new Map<string, Uint8Array>();
  for (const u of uploads) if (u.path) keyOf.set(u, `/${u.path}`);
  for (const u of uploads) if (!u.path && ![...keyOf.values()].includes(`/${u.name}`)) keyOf.set(u, `/${u.name}`);
  for (const [u, key] of keyOf) tree.set(key, u.bytes);
  const plan = tree.size ? planNdnpImport('/', memorySource(tree)) : { pages: [], skipped: [], used: [], claimed: new Set<string>() };
  const results: ImportResult[] = [
    ...plan.skipped.map((s): ImportResult => ({ file: s.path.slice(1), status: 'skipped', error: importError(s.path.slice(1), s.reason) })),
    ...plan.used.map((u): ImportResult => ({ file: u.path.slice(1), status: 'used', note: importError(u.path.slice(1), u.reason) })),
  ];
  // Each page with its ALTO, as the issue METS names it: the layout is the OCR engine's (alto-sidecar.ts).
  const inputs: ImportInput[] = plan.pages.map((page) => ({
    name: page.pdf.slice(1),
    bytes: tree.get(page.pdf)!,
    alto: page.alto ? (tree.get(page.alto) ?? null) : null,
    ...plannedMetadata(store, page.meta),
  }));
  // A loose scan (no METS plans it) takes the ALTO sent beside it, as a file on disk does (alto-sidecar.ts).
  const siblingAlto = (u: UploadInput): string | null =>
    (keyOf.has(u) ? altoNamesBeside(keyOf.get(u)!) : []).find((candidate) => tree.has(candidate) && !plan.claimed.has(candidate)) ?? null;
  const loose = uploads.filter((u) => !(keyOf.has(u) && plan.claimed.has(keyOf.get(u)!)));
  const altoOf = new Map<UploadInput, string>();
  for (const u of loose) {
    const alto = siblingAlto(u);
    if (alto) altoOf.set(u, alto);
  }
  const usedAlto = new Set(altoOf.values());
  for (const u of loose) {
    if (keyOf.has(u) && usedAlto.has(keyOf.get(u)!)) continue;
    const file = label(u);
    // XML was sent only for the planner to read; what it did not claim is not a page.
    const reason = /\.xml$/i.test(u.name) ? skipReason(u.name) : null;
    if (reason) results.push({ file, status: 'skipped', error: importError(file, reason) });
    else {
      const alto = altoOf.get(u);
      inputs.push({ name: file, bytes: u.bytes, ...(alto ? { alto: tree.get(alto)! } : {}) });
    }
  }
  results.push(...(await importFiles(store, processor, inputs, onProgress)));
  return results;
}

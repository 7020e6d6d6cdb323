import { derivePages } from './derive-pages.ts';
import { altoText } from './alto-sidecar.ts';
import type { PageProcessor } from './import-service.ts';
import type { LibraryStore } from './library-store.ts';
import { damagedPdfFileEnd } from './pdf-tail-check.ts';
import { plural } from '../../core/plural.ts';

export interface VerifyReport {
  documents: number;
  /** One line a problem; empty when all is well. */
  problems: string[];
  /** What --repair fixed, one line each. */
  repaired: string[];
  /**
   * Intact originals worth knowing about, one line each: a PDF whose end is
   * damaged (as its import warned). Its bytes are the ones imported, so it is
   * no problem of the library's and nothing --repair could mend.
   */
  warnings: string[];
  /** Imports in progress in other processes: not problems, but their documents are not counted yet. */
  importsInProgress: number;
  /** Documents with pages missing whose original is intact: their pages can be rebuilt. */
  rebuildable: string[];
}

const objectName = (id: string) => `objects/${id.slice(0, 2)}/${id}`;

/**
 * A PREMIS-style fixity check of a whole library: every original re-hashed
 * against its fixity record (digest and size), every document holding all of
 * its pages numbered 1..N, SQLite's integrity_check, and no stray originals.
 * With repair, first removes what dead imports and removed documents left
 * behind (it never touches an import in progress).
 */
export function verifyLibrary(store: LibraryStore, opts: { repair?: boolean } = {}): VerifyReport {
  const problems: string[] = [];
  const repaired: string[] = [];
  const warnings: string[] = [];
  if (opts.repair) {
    const gc = store.collectGarbage({ allOrphans: true });
    if (gc.deadImports) repaired.push(`cleared ${plural(gc.deadImports, 'unfinished import')} whose process is gone`);
    if (gc.orphanPages) repaired.push(`deleted ${plural(gc.orphanPages, 'page row')} that belonged to no document`);
    if (gc.orphanOriginals) repaired.push(`deleted ${plural(gc.orphanOriginals, 'original')} that belonged to no document`);
    if (gc.tempFiles) repaired.push(`deleted ${plural(gc.tempFiles, 'abandoned temporary file')}`);
  }

  const integrity = store.integrityCheck();
  if (integrity.length !== 1 || integrity[0] !== 'ok') for (const line of integrity.slice(0, 20)) problems.push(`database: ${line}`);

  const rebuildable: string[] = [];
  const docs = store.list();
  const tallies = new Map(store.pageTallies().map((t) => [t.id, t]));
  for (const summary of docs) {
    const doc = store.get(summary.id);
    if (!doc) continue; // removed meanwhile by another process
    const name = `${doc.fileName} (${doc.id})`;
    const hashed = store.hashOriginal(doc.id);
    const intact = hashed !== null && hashed.digest === doc.fixity.digest;
    if (!hashed) problems.push(`${name}: original missing (${objectName(doc.id)})`);
    else {
      if (hashed.digest !== doc.fixity.digest) problems.push(`${name}: original damaged: its SHA-256 is now ${hashed.digest}, the fixity record says ${doc.fixity.digest}`);
      if (hashed.size !== doc.fixity.size) problems.push(`${name}: original is ${hashed.size} bytes, the fixity record says ${doc.fixity.size}`);
    }
    if (intact && doc.kind === 'pdf') {
      const path = store.objectPath(doc.id);
      const damaged = path ? damagedPdfFileEnd(path) : null;
      if (damaged) warnings.push(`${name}: ${damaged}`);
    }
    const t = tallies.get(doc.id);
    if (!t || t.stored !== doc.pageCount || t.min !== 1 || t.max !== doc.pageCount) {
      problems.push(`${name}: pages missing: ${t?.stored ?? 0} of ${doc.pageCount} stored${intact ? ' (verify --repair rebuilds them from the original)' : ''}`);
      if (intact) rebuildable.push(doc.id);
    }
  }
  for (const id of store.orphanOriginals()) problems.push(`${objectName(id)}: original that belongs to no document (verify --repair deletes it)`);
  return { documents: docs.length, problems, repaired, warnings, importsInProgress: store.importsInProgress(), rebuildable };
}

/**
 * Rebuilds the pages of documents whose original is intact, by deriving them
 * from the original exactly as an import does (photo links included).
 * Returns one line per document.
 */
export async function rebuildPages(store: LibraryStore, processor: PageProcessor, ids: string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const id of ids) {
    const doc = store.get(id);
    if (!doc) continue;
    const writer = store.rebuildPages(id);
    try {
      // The layout comes from the ALTO the scan was imported with, as at import.
      const layout = store.layoutOriginal(id);
      const alto = layout ? altoText(store.readOriginal(layout)) : null;
      await derivePages(store, processor, id, doc.kind, store.readOriginal(id), (page) => writer.addPageJson(page.number, page.rawJson, page.cleanedJson, page.viewJson), { alto });
      const pages = writer.finish();
      lines.push(`rebuilt the pages of ${doc.fileName} (${id}) from its original: ${plural(pages, 'page')}`);
    } catch (err) {
      writer.abort();
      lines.push(`could not rebuild the pages of ${doc.fileName} (${id}): ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return lines;
}

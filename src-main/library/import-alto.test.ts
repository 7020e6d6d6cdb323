/**
 * Importing a scan with the ALTO file that came with it (Library of Congress
 * page downloads: NAME.pdf beside NAME.alto.xml): the stored page's layout is
 * the OCR engine's, its raw layer the PDF's text. Needs ../shared (skips
 * with the reason printed where it is absent).
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageModel } from '../../core/page-model.ts';
import { parseAlto } from '../../core/layout/alto.ts';
import { lineCohesion, formatCohesion } from '../../core/layout/line-cohesion.ts';
import { provenanceProblems } from '../../test-support/synthetic-page.ts';
import { LOC_DIR } from '../../test-support/real-pages.ts';
import { importPaths } from './import-paths.ts';
import { LibraryStore } from './library-store.ts';
import { createProcessor } from './processor.ts';
import { rebuildPages, verifyLibrary } from './verify-library.ts';
import { sha256 } from './library-store.ts';

const NAME = 'evening-star-1918-09-01-p1';
const have = existsSync(join(LOC_DIR, `${NAME}.alto.xml`));
if (!have) console.log(`${LOC_DIR} has no ${NAME}.alto.xml: importing with ALTO is not tested here`);

let dir: string;
let store: LibraryStore;
const processor = createProcessor();
let withAlto: PageModel;
let without: PageModel;
let id: string;

beforeAll(async () => {
  if (!have) return;
  dir = mkdtempSync(join(tmpdir(), 'import-alto-'));
  // The same bytes twice would be one document: the copy without ALTO is imported into a second library.
  mkdirSync(join(dir, 'a'));
  mkdirSync(join(dir, 'b'));
  copyFileSync(join(LOC_DIR, `${NAME}.pdf`), join(dir, 'a', `${NAME}.pdf`));
  copyFileSync(join(LOC_DIR, `${NAME}.alto.xml`), join(dir, 'a', `${NAME}.alto.xml`));
  copyFileSync(join(LOC_DIR, `${NAME}.pdf`), join(dir, 'b', `${NAME}.pdf`));
  store = new LibraryStore(join(dir, 'lib'));
  const [a] = (await importPaths(store, processor, [join(dir, 'a')])).filter((r) => r.status === 'imported');
  id = a.id!;
  withAlto = store.page(id, 1)!;
  const other = new LibraryStore(join(dir, 'lib2'));
  const [b] = (await importPaths(other, processor, [join(dir, 'b')])).filter((r) => r.status === 'imported');
  without = other.page(b.id!, 1)!;
  other.close();
}, 120_000);

afterAll(async () => {
  await processor.close();
  if (!have) return;
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('import with the ALTO beside the scan', () => {
  it.skipIf(!have)('says the layout came from the ALTO; without it, from the PDF', () => {
    expect(withAlto.layout).toBe('alto');
    expect(without.layout).toBe('pdf');
  });

  it.skipIf(!have)('keeps the PDF text as the raw layer and maps every raw character once', () => {
    expect(withAlto.items).toEqual(without.items);
    expect(provenanceProblems(withAlto, withAlto)).toEqual([]);
  });

  it.skipIf(!have)('reads the lead article in the printed order, each paragraph exactly as printed (OCR errors included)', () => {
    const texts = withAlto.blocks.map((b) => b.text);
    // "tin ally": the OCR read "finally" as two words, "tin" and "ally" in its ALTO, each placed by its own Td
    // 0.96 pt (0.1 em) apart in its text layer, just under pdf.js's 0.102 em: pdf.js glued them ("tinally"), the fast
    // reader keeps the two words (simple-text-layer.ts, positionedWordSpaces).
    const lead = [
      'DISTRICT MEASURE,\n! ON HALF-AND-HALF\nBASIS, MADE LAW',
      'President Signs Bill, Which\nCarries Total Appropriation of $15,046,768.66.\nGIVES HIGHER SALARIES\nTO MANY FROM TODAY',
      'Further legislation Necessary if\nEmployes Are to Get Benefit of\nIncreases From July 1.',
      'farrying the usual provision for t making expenditures for the District » f-f Columbia, one half to be paid out i»f the revenues of the District and Die other out of the federal Treasury, the District appropriation bill was tin ally passed by the Senate and House late yesterday afternoon. It >vas signed bv the Speaker and by Vice President Marshall and immediately sent to the White House for the approval of the President.',
      'The President signed the biH soon after it reached him, and it is now ft law.',
      'Thousands Will Get Increase.',
    ];
    const at = texts.indexOf(lead[0]);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(texts.slice(at, at + lead.length)).toEqual(lead);
  });

  it.skipIf(!have)('keeps the ALTO lines whole (the measure the PDF-only layout is held to)', () => {
    const alto = parseAlto(readFileSync(join(LOC_DIR, `${NAME}.alto.xml`), 'utf8'), withAlto.width, withAlto.height);
    const c = lineCohesion(withAlto.blocks, alto, withAlto.items);
    console.log(`${NAME} with its ALTO as layout: ${formatCohesion(c)}`);
    // Not 1: blocks are boxes, and a line the engine ran into the gutter makes its box overlap the neighbouring column's.
    expect(c.wholeShare).toBeGreaterThanOrEqual(0.99);
    expect(c.tinyShare).toBeLessThanOrEqual(0.01);
  });

  it.skipIf(!have)('keeps the ALTO beside the original, so verify --repair rebuilds the same layout, and remove deletes it', async () => {
    const altoId = sha256(readFileSync(join(LOC_DIR, `${NAME}.alto.xml`)));
    expect(store.layoutOriginal(id)).toBe(altoId);
    expect(Buffer.from(store.readOriginal(altoId)).equals(readFileSync(join(LOC_DIR, `${NAME}.alto.xml`)))).toBe(true);
    expect(verifyLibrary(store).problems).toEqual([]);
    // Lose the page, as a damaged library might.
    (store as unknown as { db: { prepare(q: string): { run(...a: unknown[]): void } } }).db.prepare('DELETE FROM pages WHERE doc_id = ?').run(id);
    const report = verifyLibrary(store, { repair: true });
    expect(report.rebuildable).toEqual([id]);
    // The repair's garbage collection spares the ALTO: a document's layout uses it.
    expect(report.repaired).toEqual([]);
    await rebuildPages(store, processor, report.rebuildable);
    const rebuilt = store.page(id, 1)!;
    expect(rebuilt.layout).toBe('alto');
    expect(rebuilt.blocks).toEqual(withAlto.blocks);
    expect(verifyLibrary(store).problems).toEqual([]);
    store.removeDocuments([id]);
    expect(store.objectIds()).toEqual([]);
    expect(verifyLibrary(store).problems).toEqual([]);
  });
});

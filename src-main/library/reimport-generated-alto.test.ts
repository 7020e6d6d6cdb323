import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { altoForA4, generateNdnpBatch, type BatchPageTruth } from '../../scripts/fixtures/ndnp-batch.ts';
import { importPaths } from './import-paths.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { LibraryStore } from './library-store.ts';
import { verifyLibrary } from './verify-library.ts';

/**
 * A generated NDNP page (scripts/fixtures/ndnp-batch.ts) imported first as its PDF alone (layout from the PDF), then
 * again with an ALTO beside it. Its own ALTO boxes every word where the PDF draws it, so the page is rebuilt from it;
 * an ALTO that fits no page of the PDF leaves the layout to the PDF, and the report must say which happened.
 */
describe('re-importing a generated NDNP page with an ALTO beside it', () => {
  let dir: string;
  let page: BatchPageTruth;
  const open = (name: string) => new LibraryStore(join(dir, name));
  /** The page's PDF in a folder of its own, with `alto` (if any) beside it as `<name>.alto.xml`. */
  const scan = (name: string, alto?: string) => {
    const folder = join(dir, 'scans', name);
    mkdirSync(folder, { recursive: true });
    copyFileSync(page.pdf, join(folder, 'scan.pdf'));
    if (alto !== undefined) writeFileSync(join(folder, 'scan.alto.xml'), alto);
    return join(folder, 'scan.pdf');
  };
  const ownAlto = () => readFileSync(page.alto, 'utf8');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reimport-generated-alto-'));
    [page] = await generateNdnpBatch(join(dir, 'batch'), { issues: 1, pagesPerIssue: 1 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds the page from its own ALTO (the issue folder: PDF, ALTO, METS), exactly as a first import with it, and says so', async () => {
    const store = open('fits');
    const fresh = open('fits-fresh');
    try {
      const [first] = await importPaths(store, inThreadProcessor, [scan('alone')]);
      expect(store.page(first.id!, 1)!.layout).toBe('pdf');
      expect(store.layoutOriginal(first.id!)).toBeNull();

      const issue = dirname(page.pdf);
      const dup = (await importPaths(store, inThreadProcessor, [issue])).find((r) => r.status === 'duplicate')!;
      expect(dup).toMatchObject({ id: first.id, relaid: true, note: `${page.pdf}: its layout now comes from its ALTO` });
      expect(store.layoutOriginal(first.id!)).not.toBeNull();
      const relaid = store.page(first.id!, 1)!;
      expect(relaid.layout).toBe('alto');
      // The masthead apart, every drawn word read once in the order drawn.
      expect(relaid.blocks[0].text).toBe(page.lines[0].split(/ +/).join(' '));
      expect(relaid.blocks.map((b) => b.text).join(' ')).toBe(page.lines.join(' ').split(/ +/).join(' '));

      const [reference] = (await importPaths(fresh, inThreadProcessor, [issue])).filter((r) => r.status === 'imported');
      expect(relaid).toEqual(fresh.page(reference.id!, 1));
    } finally {
      store.close();
      fresh.close();
    }
  }, 120_000);

  // Two ALTO files that belong to no page of this PDF: the generator's old mistake (the boxes in points under a
  // Page declared in 300-dpi pixels, so they crowd the page's top-left corner and place none of its text), and
  // one for a sheet of another shape (A4).
  const inPointsUnderPixels = (xml: string) =>
    xml
      .replace('<MeasurementUnit>inch1200</MeasurementUnit>', '<MeasurementUnit>pixel</MeasurementUnit>')
      .replace('WIDTH="10200" HEIGHT="13200"', 'WIDTH="2550" HEIGHT="3300"')
      .replace(/ (HPOS|VPOS|WIDTH|HEIGHT)="(\d+)"(?! PHYSICAL)/g, (_, k: string, v: string) => ` ${k}="${Math.round((Number(v) * 72) / 1200)}"`);

  for (const [name, wrong] of [
    ['in points under a Page in pixels', inPointsUnderPixels],
    ['for a sheet of another shape', altoForA4],
  ] as const) {
    it(`says the layout still comes from the PDF, and keeps no ALTO, when the ALTO beside it is ${name}`, async () => {
      const store = open(name.replace(/\W+/g, '-'));
      try {
        const [first] = await importPaths(store, inThreadProcessor, [scan(`alone-${name}`)]);
        const before = store.page(first.id!, 1)!;
        const xml = wrong(ownAlto());
        expect(xml).not.toBe(ownAlto());
        const pdf = scan(name, xml);
        const dup = (await importPaths(store, inThreadProcessor, [pdf])).find((r) => r.status === 'duplicate')!;
        expect(dup.relaid).toBeUndefined();
        expect(dup.note).toBe(`${pdf}: its ALTO does not match its pages, so its layout still comes from the PDF`);
        expect(store.layoutOriginal(first.id!)).toBeNull();
        expect(store.page(first.id!, 1)).toEqual(before);
        expect(before.layout).toBe('pdf');
      } finally {
        store.close();
      }
    }, 120_000);
  }

  it('a first import whose ALTO fits no page keeps no ALTO, so a later import with its own ALTO still lays it out from that', async () => {
    const store = open('first-misfit');
    try {
      const [first] = await importPaths(store, inThreadProcessor, [scan('first-misfit', altoForA4(ownAlto()))]);
      expect(first.status).toBe('imported');
      expect(store.page(first.id!, 1)!.layout).toBe('pdf');
      expect(store.layoutOriginal(first.id!)).toBeNull();
      // Nothing left behind: the misfit ALTO's bytes went with it.
      expect(verifyLibrary(store).problems).toEqual([]);

      const pdf = scan('first-misfit-then-own', ownAlto());
      const dup = (await importPaths(store, inThreadProcessor, [pdf])).find((r) => r.status === 'duplicate')!;
      expect(dup).toMatchObject({ id: first.id, relaid: true, note: `${pdf}: its layout now comes from its ALTO` });
      expect(store.page(first.id!, 1)!.layout).toBe('alto');
    } finally {
      store.close();
    }
  }, 120_000);

  it('a first import keeps an ALTO that lays out no page but marks an illustration (a scan takes its photos from those)', async () => {
    const store = open('first-illustrated');
    try {
      // The page's own ALTO with its text zones gone and an illustration in their place: it places none of the text.
      const illustrated = ownAlto().replace(/<TextBlock[\s\S]*<\/TextBlock>/, '<Illustration ID="I1" HPOS="600" VPOS="3000" WIDTH="4000" HEIGHT="3000"/>');
      expect(illustrated).not.toContain('<TextBlock');
      const [first] = await importPaths(store, inThreadProcessor, [scan('first-illustrated', illustrated)]);
      expect(store.page(first.id!, 1)!.layout).toBe('pdf');
      expect(store.layoutOriginal(first.id!)).not.toBeNull();
      expect(verifyLibrary(store).problems).toEqual([]);
    } finally {
      store.close();
    }
  }, 120_000);
});

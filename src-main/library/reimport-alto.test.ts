import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOC_DIR } from '../../test-support/real-pages.ts';
import { SearchService } from '../search/search-service.ts';
import { CorrectionStore } from './correction-store.ts';
import { importPaths } from './import-paths.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { LibraryStore } from './library-store.ts';

const NAME = 'evening-star-1859-02-21-p7';
const haveLoc = ['.pdf', '.alto.xml', '.mets.xml'].every((ext) => existsSync(join(LOC_DIR, NAME + ext)));
if (!haveLoc) console.log(`reimport-alto: ${LOC_DIR} is absent (it exists only on the project's machines); the re-import with ALTO checks are skipped`);

/** A scan first imported on its own (layout from the PDF), then again with its ALTO and METS beside it. */
describe.skipIf(!haveLoc)('re-importing a Library of Congress page with its ALTO beside it', () => {
  let dir: string;
  const loc = (ext: string) => join(LOC_DIR, NAME + ext);
  const alone = () => {
    const folder = mkdtempSync(join(dir, 'alone-'));
    copyFileSync(loc('.pdf'), join(folder, NAME + '.pdf'));
    return join(folder, NAME + '.pdf');
  };
  const open = (name: string) => new LibraryStore(join(dir, name));

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'reimport-alto-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds its pages with the ALTO layout, exactly as a first import with the ALTO, stores the ALTO, re-indexes and says so', async () => {
    const store = open('relaid');
    const fresh = open('fresh');
    try {
      const [first] = await importPaths(store, inThreadProcessor, [alone()]);
      expect(store.layoutOriginal(first.id!)).toBeNull();
      expect(store.page(first.id!, 1)!.layout).toBe('pdf');
      const search = new SearchService(store);
      search.catchUpSync();

      const again = await importPaths(store, inThreadProcessor, [loc('.pdf')]);
      const dup = again.find((r) => r.status === 'duplicate')!;
      expect(dup).toMatchObject({ id: first.id, upgraded: true, relaid: true, note: `${loc('.pdf')}: its layout now comes from its ALTO` });
      expect(store.layoutOriginal(first.id!)).not.toBeNull();

      const [reference] = (await importPaths(fresh, inThreadProcessor, [loc('.pdf')])).filter((r) => r.status === 'imported');
      expect(store.layoutOriginal(first.id!)).toBe(fresh.layoutOriginal(reference.id!));
      const page = store.page(first.id!, 1)!;
      expect(page.layout).toBe('alto');
      expect(page).toEqual(fresh.page(reference.id!, 1));

      // The index forgot the PDF-layout blocks: catching up indexes the ALTO's.
      expect(search.catchUpSync()).toBe(1);
      const indexed = new Set(search.index.pageBlocks(first.id!, 1).filter((b) => b.layer === 'cleaned').map((b) => b.block));
      expect(indexed).toEqual(new Set(page.blocks.map((b) => b.id)));
      search.close();

      // A third import has nothing left to do.
      const third = (await importPaths(store, inThreadProcessor, [loc('.pdf')])).find((r) => r.status === 'duplicate')!;
      expect(third.relaid).toBeUndefined();
      expect(third.note).toBeUndefined();
    } finally {
      store.close();
      fresh.close();
    }
  }, 240_000);

  it('keeps the guessed printed page number when the METS that replaces the guess gives none', async () => {
    const store = open('page-number');
    try {
      const [first] = await importPaths(store, inThreadProcessor, [alone()]);
      expect(store.get(first.id!)).toMatchObject({ page: 7, metadataSource: 'guess' });
      await importPaths(store, inThreadProcessor, [loc('.pdf')]);
      expect(store.get(first.id!)).toMatchObject({ page: 7, date: '1859-02-21', lccn: 'sn83045462', metadataSource: 'mets' });
    } finally {
      store.close();
    }
  }, 240_000);

  it('keeps the page number the file name gives on a first import with a METS that gives none', async () => {
    const store = open('first-with-mets');
    try {
      const [, imported] = await importPaths(store, inThreadProcessor, [loc('.pdf')]);
      expect(store.get(imported.id!)).toMatchObject({ page: 7, metadataSource: 'mets' });
    } finally {
      store.close();
    }
  }, 240_000);

  it('says the layout still comes from the PDF when the ALTO beside it fits none of its pages (another page\'s ALTO)', async () => {
    const store = open('mismatched');
    try {
      const [first] = await importPaths(store, inThreadProcessor, [alone()]);
      const before = store.page(first.id!, 1)!;
      const folder = mkdtempSync(join(dir, 'mismatched-'));
      copyFileSync(loc('.pdf'), join(folder, NAME + '.pdf'));
      copyFileSync(join(LOC_DIR, 'evening-star-1918-09-01-p1.alto.xml'), join(folder, NAME + '.alto.xml'));
      const dup = (await importPaths(store, inThreadProcessor, [join(folder, NAME + '.pdf')])).find((r) => r.status === 'duplicate')!;
      expect(dup.relaid).toBeUndefined();
      expect(dup.note).toBe(`${join(folder, NAME + '.pdf')}: its ALTO does not match its pages, so its layout still comes from the PDF`);
      expect(store.layoutOriginal(first.id!)).toBeNull();
      expect(store.page(first.id!, 1)).toEqual(before);
    } finally {
      store.close();
    }
  }, 240_000);

  it('leaves a document whose blocks carry corrections as it is, and says why', async () => {
    const store = open('corrected');
    try {
      const [first] = await importPaths(store, inThreadProcessor, [alone()]);
      const before = store.page(first.id!, 1)!;
      new CorrectionStore(store.db).add({ docId: first.id!, page: 1, blockId: before.blocks[0].id, text: 'EVENING STAR', author: 'test', reason: 'typo' });
      const dup = (await importPaths(store, inThreadProcessor, [loc('.pdf')])).find((r) => r.status === 'duplicate')!;
      expect(dup.relaid).toBeUndefined();
      expect(dup.note).toBe(`${loc('.pdf')}: its layout still comes from the PDF: rebuilding it from the ALTO would orphan 1 correction tied to its current blocks`);
      expect(store.layoutOriginal(first.id!)).toBeNull();
      expect(store.page(first.id!, 1)).toEqual(before);
    } finally {
      store.close();
    }
  }, 240_000);
});

import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOC_DIR } from '../../test-support/real-pages.ts';
import { readFileSync } from 'node:fs';
import { importPaths } from './import-paths.ts';
import { importUploads } from './import-uploads.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { LibraryStore } from './library-store.ts';

const haveLoc = existsSync(join(LOC_DIR, 'evening-star-1870-03-15-p1.mets.xml'));
if (!haveLoc) console.log(`import-beside-mets: ${LOC_DIR} is absent (it exists only on the project's machines); the single-page METS checks are skipped`);

/** One LoC page given on its own, as `broadsheet import page.pdf` gives it: its METS beside it still counts. */
describe.skipIf(!haveLoc)('importing one Library of Congress page that has its METS beside it', () => {
  let dir: string;
  let store: LibraryStore;
  const loc = (name: string) => join(LOC_DIR, name);
  /** The same scan without its METS: only the file name to guess from. */
  const alone = (name: string) => {
    const folder = mkdtempSync(join(dir, 'alone-'));
    copyFileSync(loc(name), join(folder, name));
    return join(folder, name);
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'import-beside-mets-'));
    store = new LibraryStore(join(dir, 'lib'));
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the sibling .mets.xml for the title, date and LCCN, and says it used it', async () => {
    const results = await importPaths(store, inThreadProcessor, [loc('evening-star-1918-09-01-p1.pdf')]);
    expect(results.map((r) => ({ file: r.file, status: r.status, note: r.note }))).toEqual([
      { file: loc('evening-star-1918-09-01-p1.mets.xml'), status: 'used', note: `${loc('evening-star-1918-09-01-p1.mets.xml')}: issue METS (read for dates and page order)` },
      { file: loc('evening-star-1918-09-01-p1.pdf'), status: 'imported', note: undefined },
    ]);
    expect(store.get(results[1].id!)).toMatchObject({
      newspaper: 'Evening star (Washington, D.C.)',
      date: '1918-09-01',
      lccn: 'sn83045462',
      metadataSource: 'mets',
    });
  }, 120_000);

  it('upgrades a guessed newspaper and date when the same scan comes again with its METS', async () => {
    const [first] = await importPaths(store, inThreadProcessor, [alone('evening-star-1870-03-15-p1.pdf')]);
    expect(store.get(first.id!)).toMatchObject({ newspaper: 'Evening Star', metadataSource: 'guess', lccn: '' });
    const again = await importPaths(store, inThreadProcessor, [loc('evening-star-1870-03-15-p1.pdf')]);
    expect(again.find((r) => r.status === 'duplicate')).toMatchObject({ id: first.id, upgraded: true });
    expect(store.get(first.id!)).toMatchObject({ newspaper: 'The Evening star', date: '1870-03-15', lccn: 'sn83045462', sequence: 1, metadataSource: 'mets' });
  }, 120_000);

  it('reads the METS and ALTO picked with the PDF in Import… (files without paths), as it does beside it on disk', async () => {
    const lib = new LibraryStore(join(dir, 'picked'));
    try {
      const name = 'evening-star-1870-03-15-p1';
      const r = await importUploads(lib, inThreadProcessor, ['.pdf', '.mets.xml', '.alto.xml'].map((ext) => ({ name: name + ext, bytes: readFileSync(loc(name + ext)) })));
      expect(r.map((x) => [x.file, x.status])).toEqual([
        [`${name}.mets.xml`, 'used'],
        [`${name}.pdf`, 'imported'],
      ]);
      expect(lib.get(r[1].id!)).toMatchObject({ newspaper: 'The Evening star', date: '1870-03-15', lccn: 'sn83045462', metadataSource: 'mets' });
      expect(lib.layoutOriginal(r[1].id!)).not.toBeNull();
    } finally {
      lib.close();
    }
  }, 120_000);

  it('never overwrites what the archivist saved', async () => {
    const [first] = await importPaths(store, inThreadProcessor, [alone('evening-star-1859-02-21-p7.pdf')]);
    store.updateMetadata(first.id!, { newspaper: 'Evening Star (Washington)', date: '1859-02-21' });
    const again = await importPaths(store, inThreadProcessor, [loc('evening-star-1859-02-21-p7.pdf')]);
    const dup = again.find((r) => r.status === 'duplicate')!;
    expect(dup.upgraded).toBeUndefined();
    expect(store.get(first.id!)).toMatchObject({ newspaper: 'Evening Star (Washington)', metadataSource: 'archivist', lccn: '' });
  }, 120_000);
});

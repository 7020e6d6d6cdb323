import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { generateNewspaperPdf } from '../../scripts/fixtures/newspaper-pdf.ts';
import { extractAll } from '../extract/extract-pdf.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from './import-service.ts';
import { LibraryStore, sha256 } from './library-store.ts';
import { createProcessor } from './processor.ts';
import { PageViews } from './page-views.ts';
import { encodePageView } from '../../core/page-view/page-view-codec.ts';
import { rebuildPages, verifyLibrary } from './verify-library.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const CJK = join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.pdf');

describe('importFiles through the worker pool', () => {
  let dir: string;
  let store: LibraryStore;
  const processor = createProcessor();
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-import-'));
    store = new LibraryStore(dir);
  });
  afterAll(async () => {
    await processor.close();
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every original byte, even though the pool takes over the buffer it is given', async () => {
    const original = readFileSync(CJK);
    // A Buffer that owns its memory outright is transferable: the worker detaches it.
    const bytes = Buffer.from(new Uint8Array(original));
    const [result] = await importFiles(store, processor, [{ name: 'cjk-overprint.pdf', bytes }]);
    expect(result).toMatchObject({ status: 'imported', id: sha256(original) });
    const stored = readFileSync(store.objectPath(result.id!)!);
    expect(stored.equals(original)).toBe(true);
    expect(sha256(stored)).toBe(result.id);
    const page = store.page(result.id!, 1)!;
    expect(page.blocks.length).toBeGreaterThan(5);
    expect(page.edits.some((e) => e.reason === 'overprint')).toBe(true);
    // The workers hand the models over as UTF-8 bytes: stored as the JSON TEXT they are, never as BLOBs.
    const types = store.db.prepare('SELECT typeof(raw) AS r, typeof(cleaned) AS c, json_valid(raw) AND json_valid(cleaned) AS ok FROM pages WHERE doc_id = ?').get(result.id!);
    expect(types).toEqual({ r: 'text', c: 'text', ok: 1 });
    const [raw] = await extractAll(new Uint8Array(original));
    expect(store.page(result.id!, 1)!.items).toEqual(raw.items);
  });

  it('stores each page view with its page, the view the stored model encodes to (the reader needs no second pass)', async () => {
    const { pdf } = await generateNewspaperPdf({ pages: 3, seed: 7 });
    const [result] = await importFiles(store, processor, [{ name: 'three-views.pdf', bytes: Buffer.from(pdf) }]);
    expect(result.status).toBe('imported');
    const id = result.id!;
    expect(new PageViews(store).missing(id)).toEqual([]);
    for (let n = 1; n <= 3; n++) {
      const { view, type } = store.db.prepare('SELECT view, typeof(view) AS type FROM pages WHERE doc_id = ? AND number = ?').get(id, n) as { view: string; type: string };
      expect(type).toBe('text');
      expect(view).toBe(JSON.stringify(encodePageView(store.page(id, n)!)));
    }
  });

  it('shares a long document between the workers and stores every page once, by number', async () => {
    const { pdf } = await generateNewspaperPdf({ pages: 5, seed: 21 });
    const [result] = await importFiles(store, processor, [{ name: 'five.pdf', bytes: Buffer.from(pdf) }]);
    expect(result.status).toBe('imported');
    expect(store.get(result.id!)!.pageCount).toBe(5);
    const reference = await extractAll(new Uint8Array(pdf));
    for (const page of reference) {
      const { blocks, edits, photos, layout, ...raw } = store.page(result.id!, page.number)!;
      expect(raw).toEqual(page);
      // No ALTO came with it: the layout is derived from the PDF.
      expect(layout).toBe('pdf');
      expect(blocks.length).toBeGreaterThan(0);
      void edits;
      void photos;
    }
  });

  it('verify finds a page lost from a stored document, and repair rebuilds it from the original', async () => {
    const { pdf } = await generateNewspaperPdf({ pages: 4, seed: 33 });
    const [result] = await importFiles(store, processor, [{ name: 'four.pdf', bytes: Buffer.from(pdf) }]);
    const id = result.id!;
    const page3 = store.page(id, 3);
    // The damage issue 10 found after two processes shared a library: listed with 4 pages, one missing.
    (store as unknown as { db: { prepare(q: string): { run(...a: unknown[]): void } } }).db.prepare('DELETE FROM pages WHERE doc_id = ? AND number = 3').run(id);
    const before = verifyLibrary(store);
    expect(before.problems).toEqual([`four.pdf (${id}): pages missing: 3 of 4 stored (verify --repair rebuilds them from the original)`]);
    expect(before.rebuildable).toEqual([id]);
    expect(await rebuildPages(store, processor, [id])).toEqual([`rebuilt the pages of four.pdf (${id}) from its original: 4 pages`]);
    expect(verifyLibrary(store).problems).toEqual([]);
    expect(store.page(id, 3)).toEqual(page3);
  });

  it('takes the title from the PDF metadata and the rest from the file name', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    pdf.addPage([400, 600]).drawText('EXTRA! Armistice signed', { x: 40, y: 540, size: 18, font });
    pdf.setTitle('The Evening Star, Extra');
    const [result] = await importFiles(store, processor, [{ name: 'evening-star-1918-11-11-p1.pdf', bytes: Buffer.from(await pdf.save()) }]);
    expect(store.get(result.id!)).toMatchObject({ title: 'The Evening Star, Extra', newspaper: 'Evening Star', date: '1918-11-11', page: 1 });
  });

  it('reports progress per file and leaves nothing visible for a file that fails', async () => {
    const progress: number[] = [];
    const results = await importFiles(
      store,
      processor,
      [
        { name: 'broken.pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 7)]) },
        { name: 'dump.txt', bytes: Buffer.from('围绕中心服务大局\n来到大陈村来到大陈村\n') },
      ],
      (p) => progress.push(p.done),
    );
    expect(results.map((r) => r.status)).toEqual(['failed', 'imported']);
    expect(results[0].error).toBe('broken.pdf: truncated or corrupt PDF');
    // Files import side by side (one per worker): each reports when it starts and when it is done.
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(2);
    expect(progress).toContain(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(store.list().map((d) => d.fileName)).not.toContain('broken.pdf');
    // Its original is not kept either: nothing in objects/ belongs to no document.
    expect(store.orphanOriginals()).toEqual([]);
    expect(store.list().map((d) => d.fileName)).toContain('dump.txt');
  });

  it('cleans a large text dump in the workers, page by page, losing no line', async () => {
    const seed = readFileSync(join(ROOT, 'core', 'cleaning', 'fixtures', 'seed-excerpt.txt'), 'utf8');
    const dump = Array.from({ length: 120 }, (_, i) => seed.replaceAll('来到', `来到${i}`)).join('\n');
    const [result] = await importFiles(store, processor, [{ name: 'big-dump.txt', bytes: Buffer.from(dump) }]);
    expect(result.status).toBe('imported');
    const doc = store.get(result.id!)!;
    expect(doc.pageCount).toBeGreaterThan(1);
    const lines: string[] = [];
    for (let n = 1; n <= doc.pageCount; n++) {
      const page = store.page(result.id!, n)!;
      expect(page.number).toBe(n);
      expect(page.blocks.length).toBeGreaterThan(0);
      lines.push(...page.items.map((it) => it.str));
    }
    expect(lines).toEqual(dump.split('\n').filter((l) => l.trim() !== ''));
  });
});

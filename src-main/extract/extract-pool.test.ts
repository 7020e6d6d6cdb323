import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { RawPage } from '../../core/page-model.ts';
import { generateNewspaperPdf } from '../../scripts/fixtures/newspaper-pdf.ts';
import { cleanPage } from '../../core/cleaning/clean-page.ts';
import type { CleanedPage } from '../../core/page-model.ts';
import { extractAll } from './extract-pdf.ts';
import { createExtractPool } from './extract-pool.ts';
import { indexText, type ProcessedPage } from './processed-page.ts';
import { decodeRawItems } from '../library/raw-items-codec.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string) => readFileSync(path.join(repoRoot, 'fixtures/pdf', name));

describe('createExtractPool', () => {
  const pool = createExtractPool(2);
  afterAll(() => pool.close());

  it('extracts two files concurrently, pages in order, identical to in-thread extraction', async () => {
    // Generated at test time from the committed subset font: 6 pages each, different text.
    const [a, b] = await Promise.all([generateNewspaperPdf({ pages: 6, seed: 11 }), generateNewspaperPdf({ pages: 6, seed: 12 })]);
    const got: Record<string, RawPage[]> = { a: [], b: [] };
    // a's consumer holds its first page until b has delivered one: a serial pool would never
    // start b while a waits, so this finishes only if the two files really extract at once.
    let bStarted!: () => void;
    const bHasStarted = new Promise<void>((resolve) => (bStarted = resolve));
    const ra = pool.extract(new Uint8Array(a.pdf), async (page) => {
      if (got.a.length === 0) {
        await Promise.race([bHasStarted, new Promise((_, reject) => setTimeout(() => reject(new Error('b never started while a waited')), 30_000))]);
      }
      got.a.push(page);
    });
    const rb = pool.extract(new Uint8Array(b.pdf), (page) => {
      got.b.push(page);
      bStarted();
    });
    expect((await ra).pageCount).toBe(6);
    expect((await rb).pageCount).toBe(6);
    expect(got.a.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(got.a).toEqual(await extractAll(new Uint8Array(a.pdf)));
    expect(got.b).toEqual(await extractAll(new Uint8Array(b.pdf)));
  });

  it('lets two workers share one copy of a document (a SharedArrayBuffer), reopening it from that copy, with the pages one worker extracts in place', async () => {
    const { pdf } = await generateNewspaperPdf({ pages: 9, seed: 13 });
    const shared = new Uint8Array(new SharedArrayBuffer(pdf.length));
    shared.set(pdf);
    const before = Buffer.from(shared).toString('base64');
    // [pages handed out, page count] (ExtractOptions.claim); each worker reopens the document every 2 pages it extracts.
    const claim = new Int32Array(new SharedArrayBuffer(8));
    const got: RawPage[] = [];
    const jobs = [pool.extract(shared, (page) => void got.push(page), { claim, reopenEvery: 2 }), pool.extract(shared, (page) => void got.push(page), { claim, reopenEvery: 2 })];
    const counts = (await Promise.all(jobs)).map((r) => r.pageCount);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(9);
    // Shared, not transferred: the caller's view still holds the file, unchanged.
    expect(shared.byteLength).toBe(pdf.length);
    expect(Buffer.from(shared).toString('base64')).toBe(before);
    got.sort((a, b) => a.number - b.number);
    expect(got).toEqual(await extractAll(new Uint8Array(pdf)));
  });

  it('cleans in the worker when asked, with the same result as cleaning in place', async () => {
    const pages: Array<[RawPage, CleanedPage | undefined]> = [];
    await pool.extract(new Uint8Array(fixture('cjk-overprint.pdf')), (page, cleaned) => void pages.push([page, cleaned]), { clean: true });
    expect(pages).toHaveLength(1);
    const [raw, cleaned] = pages[0];
    expect(cleaned).toBeDefined();
    expect(cleaned).toEqual(cleanPage(raw));
    expect(cleaned!.edits.some((e) => e.reason === 'overprint')).toBe(true);
  });

  it('hands processed pages over as the stored form the library keeps, equal to extracting and cleaning in place', async () => {
    const { pdf } = await generateNewspaperPdf({ pages: 3, seed: 7 });
    const pages: ProcessedPage[] = [];
    const r = await pool.extractProcessed(new Uint8Array(pdf), (p) => void pages.push(p));
    expect(r.pageCount).toBe(3);
    const raws = await extractAll(new Uint8Array(pdf));
    expect(pages.map((p) => p.number)).toEqual([1, 2, 3]);
    pages.forEach((p, k) => {
      // UTF-8 bytes and the raw items' BLOB in their own (transferred) buffers.
      expect(p.rawJson.json).toBeInstanceOf(Uint8Array);
      expect(p.rawJson.items).toBeInstanceOf(Uint8Array);
      expect(new TextDecoder().decode(p.rawJson.json as Uint8Array)).toBe(JSON.stringify({ ...raws[k], items: null }));
      expect(decodeRawItems(p.rawJson.items, 'page')).toEqual(raws[k].items);
      expect(JSON.stringify(p.raw)).toBe(JSON.stringify(raws[k]));
      expect(new TextDecoder().decode(p.cleanedJson as Uint8Array)).toBe(JSON.stringify(cleanPage(raws[k])));
      expect(p.text).toEqual(indexText(raws[k], cleanPage(raws[k])));
      expect(p.raw).toEqual(raws[k]);
    });
  });

  it('waits for an async onPage before handing over the next page', async () => {
    const { pdf } = await generateNewspaperPdf({ pages: 8, seed: 5 });
    let busy = false;
    let overlapped = false;
    const seen: number[] = [];
    const r = await pool.extract(pdf, async (page) => {
      if (busy) overlapped = true;
      busy = true;
      await new Promise((res) => setTimeout(res, 20));
      seen.push(page.number);
      busy = false;
    });
    expect(overlapped).toBe(false);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.pageCount).toBe(8);
  });

  it('accepts a Buffer from readFileSync (untransferable pool memory) and leaves it usable', async () => {
    const buf = fixture('latin-columns.pdf');
    const pages: RawPage[] = [];
    await pool.extract(buf, (p) => void pages.push(p));
    expect(pages[0].items.length).toBeGreaterThan(50);
    expect(buf.byteLength).toBeGreaterThan(0);
  });

  it('rejects with the one-line reason and stays usable afterwards', async () => {
    await expect(pool.extract(new TextEncoder().encode('hello, not a pdf'), () => {})).rejects.toThrow(/^not a PDF/);
    const enc = fixture('encrypted.pdf');
    await expect(pool.extract(enc, () => {})).rejects.toThrow(/^encrypted \(password required\)$/);
    const r = await pool.extract(fixture('cjk-overprint.pdf'), () => {});
    expect(r.pageCount).toBe(1);
  });

  it('propagates an onPage failure and recovers with a fresh worker', async () => {
    const { pdf } = await generateNewspaperPdf({ pages: 3, seed: 2 });
    await expect(
      pool.extract(pdf, () => {
        throw new Error('consumer broke');
      }),
    ).rejects.toThrow('consumer broke');
    const r = await pool.extract(fixture('latin-columns.pdf'), () => {});
    expect(r.pageCount).toBe(1);
  });

  it('refuses work after close', async () => {
    const p2 = createExtractPool(1);
    await p2.close();
    await expect(p2.extract(fixture('latin-columns.pdf'), () => {})).rejects.toThrow(/closed/);
  });
});

describe('ExtractPool.warm', () => {
  it('starts a worker ahead of the first file, which that worker then extracts exactly as a cold one would', async () => {
    const pool = createExtractPool(2);
    try {
      pool.warm(5); // at most the pool's size
      const { pdf } = await generateNewspaperPdf({ pages: 3, seed: 14 });
      const got: RawPage[] = [];
      const { pageCount } = await pool.extract(new Uint8Array(pdf), (page) => void got.push(page));
      expect(pageCount).toBe(3);
      expect(got).toEqual(await extractAll(new Uint8Array(pdf)));
    } finally {
      await pool.close();
    }
  });

  it('does nothing once the pool is closed', async () => {
    const pool = createExtractPool(1);
    await pool.close();
    pool.warm();
    await expect(pool.extract(new Uint8Array(8), () => {})).rejects.toThrow('extract pool is closed');
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument, StandardFonts, degrees } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import type { RawItem, RawPage } from '../../core/page-model.ts';
import type { NewspaperExpected } from '../../scripts/fixtures/newspaper-pdf.ts';
import { extractAll } from './extract-pdf.ts';
import { realScannedPages } from '../../test-support/real-pages.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureDir = path.join(repoRoot, 'fixtures/pdf');

function load(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(fixtureDir, name)));
}
function expected(name: string): NewspaperExpected {
  return JSON.parse(readFileSync(path.join(fixtureDir, name), 'utf8')) as NewspaperExpected;
}
async function onlyPage(name: string): Promise<RawPage> {
  const pages = await extractAll(load(name));
  expect(pages).toHaveLength(1);
  return pages[0];
}
const baseline = (it: RawItem) => it.transform[5];

describe('extractPages on the overprinted CJK fixture', async () => {
  const page = await onlyPage('cjk-overprint.pdf');
  const truth = expected('cjk-overprint.expected.json').pages[0];
  const lines = truth.blocks.flatMap((b) => (b.lines ?? []).map((l) => ({ ...l, doubling: b.doubling, kind: b.kind })));

  it('reports the page size in points', () => {
    expect(page.width).toBe(842);
    expect(page.height).toBe(1191);
  });

  it('keeps every overprinted run as two consecutive same-string items 0.27–0.31 pt apart, in drawing order', () => {
    const pairs: number[] = [];
    for (let i = 0; i + 1 < page.items.length; i++) {
      const a = page.items[i], b = page.items[i + 1];
      if (a.str !== '' && a.str === b.str && baseline(a) === baseline(b)) {
        const dx = b.transform[4] - a.transform[4];
        if (dx > 0.2 && dx < 0.4) pairs.push(Math.round(dx * 100) / 100);
      }
    }
    // One pair per run-doubled line, with the generator's own offsets in the same (content-stream) order.
    expect(pairs).toEqual(truth.overprintDx);
    expect(lines.filter((l) => l.doubling === 'run')).toHaveLength(pairs.length);
  });

  it('keeps glyph-level doubling: the items of such a line concatenate to each character twice', () => {
    const charLines = lines.filter((l) => l.doubling === 'char');
    expect(charLines.length).toBeGreaterThan(2);
    for (const l of charLines) {
      const yTop = (it: RawItem) => page.height - baseline(it) - l.size * 0.88;
      const onLine = page.items.filter((it) => Math.abs(yTop(it) - l.top) < 0.5 && it.rect[0] >= l.x - 0.5 && it.rect[0] < l.x + 150);
      const doubled = [...l.text].map((c) => c + c).join('');
      expect(onLine.map((it) => it.str).join('')).toBe(doubled);
    }
  });

  it('emits the undoubled headline and subhead once each, headline last (drawn last) and near the top', () => {
    const head = truth.blocks.find((b) => b.kind === 'headline')!;
    const sub = truth.blocks.find((b) => b.kind === 'subhead')!;
    expect(page.items.filter((it) => it.str === head.text)).toHaveLength(1);
    expect(page.items.filter((it) => it.str === sub.text)).toHaveLength(1);
    const nonEmpty = page.items.filter((it) => it.str !== '');
    const h = nonEmpty[nonEmpty.length - 1];
    expect(h.str).toBe(head.text);
    expect(h.size).toBe(40);
    // Top-left origin: the headline box starts ~48 pt below the top edge, not near the bottom.
    expect(h.rect[1]).toBeGreaterThan(40);
    expect(h.rect[3]).toBeLessThan(100);
    expect(h.rect[1]).toBeLessThan(h.rect[3]);
  });

  it('places every line where the generator drew it (rect top within 3 pt of the em box)', () => {
    for (const l of lines.filter((x) => x.doubling !== 'char')) {
      const hit = page.items.find((it) => it.str === l.text && Math.abs(it.rect[0] - l.x) < 0.01);
      expect(hit, l.text).toBeDefined();
      expect(Math.abs(hit!.rect[1] - l.top)).toBeLessThan(3);
      expect(hit!.rect[3] - hit!.rect[1]).toBeGreaterThan(l.size * 0.9);
    }
  });

  it('keeps the raw layer exact: real reduplications, numbers, byline and hasEOL markers', () => {
    const raw = page.items.map((it) => it.str).join('');
    for (const s of ['一组组数据', '谢谢', '常常', '2020年', '668.5万元', '□记者 王小明']) expect(raw).toContain(s);
    expect(page.items.some((it) => it.eol)).toBe(true);
  });

  it('finds both photos at the generator placements (±1 pt) with their pixel sizes', () => {
    expect(page.images).toHaveLength(truth.images.length);
    for (const want of truth.images) {
      const got = page.images.find((g) => g.rect.every((v, k) => Math.abs(v - want.rect[k]) <= 1));
      expect(got, JSON.stringify(want.rect)).toBeDefined();
      expect([got!.pixelWidth, got!.pixelHeight]).toEqual([want.pixelWidth, want.pixelHeight]);
    }
  });
});

describe('extractPages on the scanned fixture', async () => {
  const page = await onlyPage('cjk-scanned.pdf');
  const truth = expected('cjk-scanned.expected.json').pages[0];

  it('extracts the invisible (render mode 3) OCR layer once per line, in reading order', () => {
    const text = page.items.map((it) => it.str).join('');
    expect(text).toBe(truth.blocks.map((b) => b.text).join(''));
    const strs = page.items.filter((it) => it.str !== '').map((it) => it.str);
    for (let i = 1; i < strs.length; i++) expect(strs[i]).not.toBe(strs[i - 1]);
  });

  it('finds the one full-page raster', () => {
    expect(page.images).toHaveLength(1);
    expect(page.images[0].rect.map(Math.round)).toEqual([0, 0, 842, 1191]);
    expect(page.images[0].pixelWidth).toBe(truth.images[0].pixelWidth);
  });
});

describe('extractPages on the Latin fixture', () => {
  it('keeps end-of-line hyphens as drawn', async () => {
    const page = await onlyPage('latin-columns.pdf');
    const hyphenated = page.items.filter((it) => /[a-z]-$/.test(it.str));
    expect(hyphenated.length).toBeGreaterThan(3);
    expect(page.width).toBe(612);
  });
});

describe('geometry', () => {
  async function oneTextPdf(rotate: number): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage([200, 300]);
    page.setMediaBox(50, 50, 200, 300); // origin at (50, 50): x 50–250, y 50–350
    page.setRotation(degrees(rotate));
    page.drawText('Mark', { x: 60, y: 330, size: 10, font });
    return doc.save();
  }

  it('converts to top-left coordinates with a non-zero mediabox origin', async () => {
    const [page] = await extractAll(await oneTextPdf(0));
    expect([page.width, page.height]).toEqual([200, 300]);
    const it = page.items.find((i) => i.str === 'Mark')!;
    expect(it.rect[0]).toBeCloseTo(10, 1);
    // Baseline 20 pt below the top edge: the box straddles it.
    expect(it.rect[1]).toBeGreaterThan(9);
    expect(it.rect[1]).toBeLessThan(20);
    expect(it.rect[3]).toBeGreaterThan(20);
    expect(it.rect[3]).toBeLessThan(24);
  });

  it('respects /Rotate 90: the page turns clockwise, the text runs downwards near the right edge', async () => {
    const [page] = await extractAll(await oneTextPdf(90));
    expect([page.width, page.height]).toEqual([300, 200]);
    const it = page.items.find((i) => i.str === 'Mark')!;
    // Unrotated (u, v) = (10, 20) from top-left → rotated (H - v, u) = (280, 10).
    expect(it.rect[0]).toBeLessThan(281);
    expect(it.rect[2]).toBeGreaterThan(280);
    expect(it.rect[1]).toBeCloseTo(10, 0);
    expect(it.rect[3] - it.rect[1]).toBeGreaterThan(20); // the run's length is now vertical
  });
});

describe('errors', () => {
  const messageOf = async (data: Uint8Array) => {
    try {
      await extractAll(data);
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };

  it('random bytes → not a PDF', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(await messageOf(bytes)).toMatch(/^not a PDF/);
    expect(await messageOf(new Uint8Array(0))).toMatch(/^not a PDF/);
  });

  it('a truncated file → truncated or corrupt PDF, one line', async () => {
    const full = load('cjk-overprint.pdf');
    const msg = await messageOf(full.slice(0, Math.floor(full.length / 2)));
    // pdf.js's "Invalid PDF structure." says nothing more than the reason: left out.
    expect(msg).toBe('truncated or corrupt PDF');
  });

  // fixtures/pdf/encrypted.pdf is committed: a missing copy is a failure, not a skip.
  it('an encrypted file → encrypted (password required)', async () => {
    // Not "encrypted (password required): No password given": the same thing twice.
    expect(await messageOf(load('encrypted.pdf'))).toBe('encrypted (password required)');
  });

  it('an empty page tree → no pages', async () => {
    const doc = await PDFDocument.create();
    expect(await messageOf(await doc.save({ addDefaultPage: false }))).toMatch(/^no pages/);
  });
});

describe('real scanned pages (the committed sample; the LoC set where ../shared exists)', () => {
  for (const { name: f, pdf } of realScannedPages()) {
    it(`extracts the OCR text layer of ${f}`, async () => {
      const [page] = await extractAll(new Uint8Array(readFileSync(pdf)));
      const text = page.items.map((i) => i.str).join('');
      expect(text.replace(/\s/g, '').length).toBeGreaterThan(20000);
      expect(page.width).toBeGreaterThan(500);
      expect(page.width).toBeLessThan(3000);
      expect(page.height).toBeGreaterThan(page.width);
      expect(page.images.length).toBeGreaterThanOrEqual(1);
      for (const it of page.items) {
        expect(it.rect.every(Number.isFinite)).toBe(true);
        expect(it.rect[1]).toBeGreaterThan(-1);
        expect(it.rect[3]).toBeLessThan(page.height + 50);
      }
    });
  }
});

describe('extractPages with a shard', () => {
  it('takes every n-th page starting at page k + 1, so workers can share a document', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    for (let n = 1; n <= 5; n++) pdf.addPage([300, 300]).drawText(`page ${n}`, { x: 20, y: 250, size: 14, font });
    const bytes = await pdf.save();
    const numbers = async (shard: readonly [number, number]) => (await extractAll(bytes.slice(), { shard })).map((p) => p.number);
    expect(await numbers([0, 2])).toEqual([1, 3, 5]);
    expect(await numbers([1, 2])).toEqual([2, 4]);
    expect(await numbers([0, 1])).toEqual([1, 2, 3, 4, 5]);
  });
});

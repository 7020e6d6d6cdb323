import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawItem, RawPage } from '../../core/page-model.ts';
import { extractAll } from '../extract/extract-pdf.ts';
import { realScannedPages } from '../../test-support/real-pages.ts';
import { decodeRawItems, encodeRawItems, joinRawPage, splitRawPage, storedRawItems } from './raw-items-codec.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'pdf');

/** What the library gave back before the BLOB: the page through JSON (same values, key order and all). */
const viaJson = (page: RawPage) => JSON.parse(JSON.stringify(page)) as RawPage;

function roundTrip(page: RawPage): RawPage {
  const stored = splitRawPage(page);
  return joinRawPage(stored.json as string, stored.items, 'test page');
}

const item = (over: Partial<RawItem> = {}): RawItem => ({ str: 'Word', font: 'g_d0_f1', size: 10, transform: [8.8, 0, 0, 10, 68.64, 1989.84], rect: [68.64, 177.04, 95.04, 187.04], eol: false, ...over });
const page = (items: RawItem[]): RawPage => ({ number: 1, width: 612, height: 792, items, images: [{ rect: [0, 0, 612, 792], pixelWidth: 2550, pixelHeight: 3300 }] });

describe('raw items codec', () => {
  it('gives back every fixture page exactly as JSON did, byte for byte of its JSON', async () => {
    for (const f of readdirSync(FIXTURES).filter((n) => n.endsWith('.pdf') && n !== 'encrypted.pdf')) {
      for (const raw of await extractAll(new Uint8Array(readFileSync(join(FIXTURES, f))))) {
        const back = roundTrip(raw);
        expect(back, `${f} p${raw.number}`).toEqual(viaJson(raw));
        expect(JSON.stringify(back)).toBe(JSON.stringify(raw));
      }
    }
  });

  it('gives back the real scanned pages exactly, at about a quarter of their JSON', async () => {
    for (const real of realScannedPages()) {
      const [raw] = await extractAll(new Uint8Array(readFileSync(real.pdf)));
      const stored = splitRawPage(raw);
      expect(JSON.stringify(joinRawPage(stored.json as string, stored.items, real.name)), real.name).toBe(JSON.stringify(raw));
      expect(stored.items.length + stored.json.length).toBeLessThan(JSON.stringify(raw).length / 3);
    }
  });

  it('keeps what columns cannot hold as JSON in the BLOB: vertical runs, lone surrogates, odd numbers, odd keys, no items', () => {
    const odd: RawItem[] = [
      item({ vertical: true, str: '来到' }),
      item({ str: '\ud800 lone' }),
      item({ size: 1 / 3, transform: [Math.PI, -0, 0, 1e-9, 1e12, -5] }),
      item({ eol: true, str: '' }),
    ];
    for (const items of [[], [item()], odd, [item({ str: '\udc00' })], [item({ rect: [NaN, 0, 1, 1] })], [{ ...item(), extra: 1 } as RawItem], [{ font: 'f', str: 'x', size: 1, transform: [1, 0, 0, 1, 0, 0], rect: [0, 0, 1, 1], eol: false } as RawItem]]) {
      const p = page(items);
      expect(JSON.stringify(roundTrip(p))).toBe(JSON.stringify(p));
      expect(roundTrip(p)).toEqual(viaJson(p));
    }
    // -0 comes back as JSON gave it: 0.
    expect(Object.is(roundTrip(page([item({ transform: [1, -0, 0, 1, 0, 0] }), item()])).items[0].transform[1], 0)).toBe(true);
  });

  it('encodes a page the same whatever the pages before it were (its column buffers are reused from page to page)', () => {
    const small = page([item(), item({ str: ' ', rect: [95.04, 177.04, 99.2, 187.04], eol: true }), item({ size: 12.5, rect: [-0, 1 / 3, 5, 6] })]);
    const alone = encodeRawItems(small.items);
    // A bigger page with other column forms (wide integers, float64, a vertical run), and one past what is kept.
    const wide = Array.from({ length: 3000 }, (_, i) => item({ str: `w${i}`, size: 1000 + i, rect: [i * 0.37, i / 7, i * 0.37 + 9, 2e6 - i], vertical: i % 3 === 0 ? true : undefined }));
    encodeRawItems(wide.map(({ vertical, ...it }) => (vertical ? { ...it, vertical } : it)));
    encodeRawItems(Array.from({ length: 70_000 }, (_, i) => item({ rect: [i, i, i + 1, i + 1] })));
    expect(encodeRawItems(small.items)).toEqual(alone);
    expect(decodeRawItems(alone, 'small')).toEqual(viaJson(small).items);
  });

  it('decodes only the items asked for, the same as the whole', () => {
    const items = Array.from({ length: 50 }, (_, k) => item({ str: `w${k}`, transform: [1, 0, 0, 1, k * 1.25, 700 - k] }));
    const some = decodeRawItems(encodeRawItems(items), 'p', new Set([3, 40]));
    expect(Object.keys(some)).toEqual(['3', '40']);
    expect([some[3], some[40]]).toEqual([items[3], items[40]]);
    // A page stored whole (before migration 11, or not convertible) answers alike.
    expect(storedRawItems(JSON.stringify(page(items)), null, 'p', new Set([3, 40]))).toEqual(some);
  });

  it('says in one line which page has damaged or truncated items, never crashes', () => {
    const blob = encodeRawItems(Array.from({ length: 200 }, (_, k) => item({ str: `word${k}` })));
    const where = 'document 3f2a page 7';
    const cases: Uint8Array[] = [
      blob.subarray(0, blob.length - 5),
      blob.subarray(0, 40),
      blob.subarray(0, 3),
      new Uint8Array(0),
      Uint8Array.from([...blob].map((b, k) => (k === 0 ? 0x58 : b))),
      Uint8Array.from([...blob].map((b, k) => (k === 4 ? 9 : b))),
      Uint8Array.from([...blob].map((b, k) => (k > 12 && k < 40 ? 0xff : b))),
      Uint8Array.from([...blob].map((b, k) => (k === 8 ? 0xff : b))),
    ];
    for (const bad of cases) {
      let message = '';
      try {
        decodeRawItems(bad, where);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/^document 3f2a page 7: its stored raw items are damaged \(.+\)$/);
      expect(message).not.toContain('\n');
    }
    expect(() => joinRawPage(JSON.stringify({ ...page([]), items: null }), null, where)).toThrow(/^document 3f2a page 7: its raw items are missing$/);
  });
});

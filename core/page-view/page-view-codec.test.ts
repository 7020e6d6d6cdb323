import { describe, expect, it } from 'vitest';
import { createPrng } from '../../scripts/fixtures/prng.ts';
import type { PageModel, RawItem, Rect } from '../page-model.ts';
import { decodePageView, decodePageViewReply, encodeMilliRects, encodePageView, milliRectsLengths, QUANTA, type PageView } from './page-view-codec.ts';

const item = (str: string, rect: Rect, eol = false, extra: Partial<RawItem> = {}): RawItem => ({
  str,
  font: 'g_d0_f1',
  size: 8,
  transform: [8, 0, 0, 8, rect[0], 800 - rect[3]],
  rect,
  eol,
  ...extra,
});

function page(items: RawItem[]): PageModel {
  return {
    number: 3,
    width: 612,
    height: 792,
    items,
    images: [{ rect: [0, 0, 612, 792], pixelWidth: 2550, pixelHeight: 3300 }],
    blocks: [
      {
        id: 'p3b0',
        kind: 'headline',
        text: 'Evening Star\nWashington',
        rects: [[10, 10, 200, 40]],
        map: [...[0, 1, 2, 3, 4, 5, 6].map((c): [number, number] => [0, c]), [1, 0], ...[0, 1, 2, 3].map((c): [number, number] => [2, c]), [-1, -1], ...[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((c): [number, number] => [3, c])],
      },
      { id: 'p3b1', kind: 'paragraph', text: '“quoted”', rects: [[10, 50, 100, 60]], map: [[4, 0], [4, 1], [4, 2], [4, 3], [4, 4], [4, 5], [4, 6], [4, 7]] },
    ],
    edits: [
      { reason: 'overprint', item: 3, start: 10, end: 20 },
      { reason: 'whitespace', item: 1, start: 0, end: 1 },
    ],
    photos: [{ id: 'p3i0', rect: [300, 300, 500, 500], caption: 'p3b1', links: [{ block: 'p3b0', score: 0.8 }] }],
  };
}

const lineItems = () => [
  item('Evening', [10.08, 10.16, 80.24, 30.32]),
  // A space between two words: its box is implied by its neighbours and not sent.
  item(' ', [80.24, 10.16, 84.321, 30.32]),
  item('Star', [84.321, 11.2, 120.88, 30], true),
  item('WashingtonWashington', [10, 31.5, 200, 40.125], true),
  item('"quoted"', [10, 50, 100, 60], false, { vertical: true }),
];

/** What the reader keeps of a page model. */
function viewOf(m: PageModel): PageView {
  return {
    number: m.number,
    width: m.width,
    height: m.height,
    items: m.items.map(({ str, rect, eol, vertical }) => ({ str, rect, eol, ...(vertical ? { vertical } : {}) })),
    images: m.images,
    blocks: m.blocks,
    edits: m.edits,
    photos: m.photos,
    ...(m.layout ? { layout: m.layout } : {}),
  };
}

describe('page view codec', () => {
  it('decodes exactly what the reader uses of the page model', () => {
    const model = page(lineItems());
    const wire = encodePageView(model);
    expect(decodePageView(JSON.parse(JSON.stringify(wire)), { photos: model.photos })).toEqual(viewOf(model));
    // The implied space box was not sent; the block texts rebuilt from the map need only inserted characters.
    expect(wire.blocks.inserted).toBe('\n');
  });

  it('says where the layout came from when the page model does (the cleaned panel names it)', () => {
    const model: PageModel = { ...page(lineItems()), layout: 'alto' };
    const decoded = decodePageView(JSON.parse(JSON.stringify(encodePageView(model))), { photos: model.photos });
    expect(decoded).toEqual(viewOf(model));
    expect(decoded.layout).toBe('alto');
    expect(decodePageView(encodePageView(page(lineItems()))).layout).toBeUndefined();
  });

  it('sends a text the map does not rebuild, and boxes that are not whole thousandths as numbers', () => {
    const items = lineItems();
    items[0] = item('Evening', [10.0001, 10, 80, 30]);
    const model = page(items);
    model.blocks[1] = { ...model.blocks[1], text: 'NFKC’d!!' };
    const wire = encodePageView(model);
    expect(wire.blocks.texts).toEqual(['NFKC’d!!']);
    expect(Array.isArray(wire.items.rects)).toBe(true);
    expect(decodePageView(wire, { photos: model.photos })).toEqual(viewOf(model));
  });

  it('applies the latest corrections on top, keeping the map of untouched characters', () => {
    const model = page(lineItems());
    const reply = { wire: JSON.stringify(encodePageView(model)), photos: [], corrections: [['p3b1', '“quoted!”']] as Array<[string, string]>, preview: 'none' as const };
    const view = decodePageViewReply(reply);
    expect(view.blocks[1]).toMatchObject({ text: '“quoted!”', corrected: true });
    expect(view.blocks[1].map.slice(0, 7)).toEqual(model.blocks[1].map.slice(0, 7));
    expect(view.blocks[1].map[7]).toEqual([-1, -1]);
    expect(view.blocks[0]).toEqual(model.blocks[0]);
  });

  it('refuses a wire of another version or with lengths that do not add up', () => {
    const wire = encodePageView(page(lineItems()));
    expect(() => decodePageView({ ...wire, v: 9 as typeof wire.v })).toThrow(/version 9/);
    expect(() => decodePageView({ ...wire, items: { ...wire.items, text: wire.items.text + 'x' } })).toThrow(/do not add up/);
  });

  it('counts, for every grid step, exactly the length the boxes then take written (so the shortest is the one chosen)', () => {
    // Seeded: the same boxes every run.
    const rand = createPrng(12345);
    for (let trial = 0; trial < 300; trial++) {
      // Whole thousandths on one of the grids (or none), either sign, some beyond the Int32Array range.
      const grid = [1, 7, 10, 40, 80, 120, 240, 480][trial % 8];
      const scale = trial % 17 === 0 ? 2 ** 33 : 2_000_000;
      const m: number[] = [];
      for (let k = 0, n = Math.floor(rand() * 40); k < 4 * n; k++) m.push(Math.round(((rand() - 0.3) * scale) / grid) * grid + (rand() < 0.1 ? 1 : 0));
      const boxes = m.every((v) => Math.abs(v) < 2 ** 30) ? Int32Array.from(m) : Float64Array.from(m);
      const lengths = milliRectsLengths(boxes);
      expect(lengths).toEqual(QUANTA.map((q) => encodeMilliRects(boxes, q).length));
    }
  });

  it('codes boxes on the grid the OCR used, and boxes beyond a 32-bit range exactly', () => {
    // 0.08 pt steps (the LoC pages' grid): the deltas shrink by 80.
    const grid = lineItems().map((it, i) => ({ ...it, rect: [(80 * (10 + 5 * i)) / 1000, 1.6, (80 * (14 + 5 * i)) / 1000, 3.2] as Rect }));
    const onGrid = encodePageView(page(grid));
    expect(onGrid.items.quantum).toBe(80);
    expect(decodePageView(onGrid).items.map((it) => it.rect)).toEqual(grid.map((it) => it.rect));
    const far = lineItems().map((it, i) => ({ ...it, rect: [3e6 + i, -2e6, 3e6 + i + 0.5, 4e6 + 0.125] as Rect }));
    const wire = encodePageView(page(far));
    expect(typeof wire.items.rects).toBe('string');
    expect(decodePageView(wire).items.map((it) => it.rect)).toEqual(far.map((it) => it.rect));
  });
});

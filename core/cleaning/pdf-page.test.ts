import { describe, expect, it } from 'vitest';
import { summarizeEdits, type RawItem } from '../page-model.ts';
import { cleanPdfPage } from './pdf-page.ts';
import {
  advance,
  column,
  item,
  overprintGlyphs,
  overprintRuns,
  page,
  provenanceProblems,
  shuffle,
  wrapCjk,
} from '../../test-support/synthetic-page.ts';

const SOURCE =
  '来到大陈村职工活动中心你不禁会羡慕生活在这里的职工区域职工活动中心里面运动设施齐全职工想活动了随时都可以来为更好地提升职工的身体素质该村工会对平方米的大陈区域职工活动中心改造提升内设瑜伽室跑步机室漫步机室多功能室动感单车室满足职工多样化的需求为广大职工提供健身交流服务';

/** Distinct deterministic paragraphs ending in a full stop. */
function para(start: number, length: number): string {
  return [...SOURCE.repeat(3)].slice(start, start + length - 1).join('') + '。';
}

const SIZE = 10;
const PER_LINE = 10;
const COL_W = PER_LINE * SIZE;
const COLS = [50, 170, 290];

function cjkColumn(x: number, top: number, paragraphs: string[]): RawItem[] {
  return column({ x, top, size: SIZE, ...wrapCjk(paragraphs, PER_LINE, SIZE) });
}


/** OCR-like lines: one item per word and per run of spaces, and an empty end-of-line item. */
function ocrWordItems(lines: string[]): RawItem[] {
  const items: RawItem[] = [];
  lines.forEach((l, k) => {
    let x = 50;
    const baseline = 100 + k * 14;
    for (const part of l.split(/( +)/)) {
      if (!part) continue;
      items.push(item(part, x, baseline, SIZE));
      x += advance(part, SIZE);
    }
    items.push({ ...item('', x, baseline, SIZE), eol: true });
  });
  return items;
}

describe('cleanPdfPage on a doubled three-column Chinese page', () => {
  const headline = '职工之家五年回顾';
  const byline = '□记者 王明';
  // One spacing policy with the text-dump pipeline: a phrase gap between CJK letters stays.
  const bylineClean = '□记者 王明';
  const paras = [para(0, 25), para(30, 17), para(50, 33), para(90, 28)];
  const single: RawItem[] = [
    item(headline, 50, 60, 30, { eol: true }),
    ...column({ lines: [byline], x: 50, top: 80, size: SIZE }),
    ...cjkColumn(COLS[0], 110, [paras[0], paras[1]]),
    ...cjkColumn(COLS[1], 110, [paras[2]]),
    ...cjkColumn(COLS[2], 110, [paras[3]]),
  ];
  // Headings are not doubled; body runs are, and the stream order is scrambled.
  const items = shuffle([...single.slice(0, 2), ...overprintRuns(single.slice(2))]);
  const p = page(items);
  const cleaned = cleanPdfPage(p);

  it('reads headline, byline, then columns left to right, whatever the stream order', () => {
    expect(cleaned.blocks.map((b) => b.text)).toEqual([headline, bylineClean, ...paras]);
    expect(cleaned.blocks.map((b) => b.kind)).toEqual(['headline', 'byline', 'paragraph', 'paragraph', 'paragraph', 'paragraph']);
    expect(cleaned.blocks.map((b) => b.id)).toEqual(['p1b0', 'p1b1', 'p1b2', 'p1b3', 'p1b4', 'p1b5']);
  });

  it('removes exactly the second copy of every doubled run', () => {
    const doubled = single.length - 2;
    expect(summarizeEdits(cleaned.edits).overprint).toBe(doubled);
    const removedChars = cleaned.edits.filter((e) => e.reason === 'overprint').reduce((n, e) => n + e.end - e.start, 0);
    expect(removedChars).toBe(single.slice(2).reduce((n, it) => n + it.str.length, 0));
  });

  it('keeps the byline phrase gap (as the text-dump pipeline does) and keeps provenance exact', () => {
    expect(summarizeEdits(cleaned.edits)['justification-space']).toBe(0);
    expect(provenanceProblems(p, cleaned)).toEqual([]);
  });

  it('gives each block the rect of its column segment', () => {
    const col2 = cleaned.blocks[4];
    expect(col2.rects).toHaveLength(1);
    const [x0, , x1] = col2.rects[0];
    expect(x0).toBeCloseTo(COLS[1], 0);
    expect(x1).toBeCloseTo(COLS[1] + COL_W, 0);
  });
});

describe('cleanPdfPage joining and whitespace', () => {
  it('removes justification spaces inside CJK and maps everything', () => {
    const p = page([item('在 往 年 建 设 7 个', 50, 100, SIZE, { eol: true }), item('职 工 中 心', 50, 114, SIZE)]);
    const c = cleanPdfPage(p);
    expect(c.blocks.map((b) => b.text)).toEqual(['在往年建设7个职工中心']);
    expect(summarizeEdits(c.edits)['justification-space']).toBe(9);
    expect(provenanceProblems(p, c)).toEqual([]);
  });

  it('rejoins Latin end-of-line hyphens but keeps compounds and real spaces', () => {
    const lines = [
      'The  evening news-',
      'paper reported that',
      'the treaty, Anglo-',
      'American in spirit,',
      'was signed today.',
    ];
    // OCR-like: one item per word, space items between words.
    const p = page(ocrWordItems(lines));
    const c = cleanPdfPage(p);
    expect(c.blocks.map((b) => b.text)).toEqual([
      'The evening newspaper reported that the treaty, Anglo-American in spirit, was signed today.',
    ]);
    const s = summarizeEdits(c.edits);
    expect(s.hyphenation).toBe(1);
    expect(s.whitespace).toBe(1); // the second space of "The  evening"
    expect(provenanceProblems(p, c)).toEqual([]);
    // Spaces between word items map to the raw space items, not inserted ones.
    expect(c.blocks[0].map.filter(([i]) => i === -1)).toHaveLength(2); // the two line breaks that are not hyphens
  });

  it('always rejoins at the OCR hyphenation mark "¬" and never keeps the mark', () => {
    const lines = ['the nation’s High¬', 'est court sat in Wash¬', 'ington, with Anglo-', 'American guests com¬'];
    const p = page(ocrWordItems(lines));
    const c = cleanPdfPage(p);
    // "Wash¬" / "ington" rejoins although a "-" before a capital would not; the
    // block's final mark goes too (its word went on in a block read elsewhere).
    expect(c.blocks.map((b) => b.text)).toEqual(['the nation’s Highest court sat in Washington, with Anglo-American guests com']);
    expect(summarizeEdits(c.edits).hyphenation).toBe(3);
    const marks = c.edits.filter((e) => e.reason === 'hyphenation').map((e) => p.items[e.item].str.slice(e.start, e.end));
    expect(marks).toEqual(['¬', '¬', '¬']);
    expect(provenanceProblems(p, c)).toEqual([]);
  });

  it('rejoins a word whose "¬" stands alone at the line end, with or without its own hyphen', () => {
    // The Omaha Bee's "Tele- ¬" / "gram" and a "dele ¬" / "gation" whose hyphen the OCR lost.
    const lines = ['a special Tele- ¬', 'gram from the dele ¬', 'gation said so.'];
    const p = page(ocrWordItems(lines));
    const c = cleanPdfPage(p);
    expect(c.blocks.map((b) => b.text)).toEqual(['a special Telegram from the delegation said so.']);
    const marks = c.edits.filter((e) => e.reason === 'hyphenation').map((e) => p.items[e.item].str.slice(e.start, e.end));
    expect(marks).toEqual(['-', '¬', '¬']);
    expect(provenanceProblems(p, c)).toEqual([]);
  });

  it('inserts a space between Latin items only across a real gap', () => {
    const p = page([item('Wash', 50, 100, SIZE), item('ington', 50 + advance('Wash', SIZE), 100, SIZE), item('D.C.', 50 + advance('Washington', SIZE) + 4, 100, SIZE)]);
    const c = cleanPdfPage(p);
    expect(c.blocks[0].text).toBe('Washington D.C.');
    expect(c.blocks[0].map[10]).toEqual([-1, -1]);
  });
});

describe('cleanPdfPage on an undoubled page', () => {
  it('loses nothing: real reduplication, repeated words, glyph-per-item text', () => {
    const text = ['谢谢大家一组组照片看', '看我们的职工之家。'];
    const items = [...column({ lines: text, x: 50, top: 100, size: SIZE, runLength: 1 })];
    const p = page(items);
    const c = cleanPdfPage(p);
    expect(c.edits).toEqual([]);
    expect(c.blocks.map((b) => b.text).join('')).toBe(text.join(''));
  });

  it('glyph-level overprint with one item per glyph cleans to the same text', () => {
    const base = column({ lines: ['谢谢大家一组组照片看', '看我们的职工之家。'], x: 50, top: 100, size: SIZE });
    const p = page(overprintGlyphs(base));
    const c = cleanPdfPage(p);
    expect(c.blocks.map((b) => b.text).join('')).toBe('谢谢大家一组组照片看看我们的职工之家。');
    expect(summarizeEdits(c.edits).overprint).toBe(19);
    expect(provenanceProblems(p, c)).toEqual([]);
  });
});

describe('cleanPdfPage layout', () => {
  it('reads a boxed sidebar as its own region between the column tops and bottoms', () => {
    const top = [para(0, 18), para(20, 18), para(40, 18)];
    const bottom = [para(60, 18), para(80, 18), para(100, 18)];
    const sidebar = para(120, 36);
    const items = shuffle([
      ...cjkColumn(COLS[0], 100, [top[0], bottom[0], para(140, 40)]), // column 1 runs the full height
      ...cjkColumn(COLS[1], 100, [top[1]]),
      ...cjkColumn(COLS[2], 100, [top[2]]),
      // Sidebar across columns 2–3, 20 chars wide, with whitespace around it.
      ...column({ x: COLS[1], top: 160, size: SIZE, lines: wrapCjk([sidebar], 22, SIZE).lines, indent: wrapCjk([sidebar], 22, SIZE).indent }),
      ...cjkColumn(COLS[1], 230, [bottom[1]]),
      ...cjkColumn(COLS[2], 230, [bottom[2]]),
    ]);
    const p = page(items);
    const c = cleanPdfPage(p);
    const texts = c.blocks.map((b) => b.text);
    expect(texts.slice(3)).toEqual([top[1], top[2], sidebar, bottom[1], bottom[2]]);
    expect(provenanceProblems(p, c)).toEqual([]);
  });

  it('labels the caption next to an image and ignores a full-page scan image', () => {
    const caption = '图为职工在活动中心健身';
    const items = [...cjkColumn(COLS[0], 100, [para(0, 40)]), item(caption, 170, 230, 8)];
    const images = [
      { rect: [0, 0, 800, 1100] as [number, number, number, number] },
      { rect: [170, 90, 270, 218] as [number, number, number, number] },
    ];
    const c = cleanPdfPage(page(items, images));
    expect(c.blocks.map((b) => b.kind)).toEqual(['paragraph', 'caption']);
    expect(c.blocks[1].text).toBe(caption);
  });

  it('joins a paragraph that runs from one column into the next, with one rect per column', () => {
    const long = para(0, 38); // 8 + 10 + 10 + 10: ends in column 2
    const wrapped = wrapCjk([long, para(50, 15)], PER_LINE, SIZE);
    const items = [
      ...column({ x: COLS[0], top: 100, size: SIZE, lines: wrapped.lines.slice(0, 3), indent: { 0: 2 * SIZE } }),
      ...column({ x: COLS[1], top: 100, size: SIZE, lines: wrapped.lines.slice(3), indent: { 1: 2 * SIZE } }),
    ];
    const p = page(items);
    const c = cleanPdfPage(p);
    expect(c.blocks.map((b) => b.text)).toEqual([long, para(50, 15)]);
    expect(c.blocks[0].rects).toHaveLength(2);
    expect(provenanceProblems(p, c)).toEqual([]);
  });

  it('splits Latin paragraphs at indents and at short sentence-final lines', () => {
    const lines = [
      '    First paragraph starts right',
      'here and ends now.',
      'Second one begins right after',
      'it and goes on for a while to',
      'fill the measure of a column',
      '    Third.',
    ];
    const items: RawItem[] = lines.map((l, k) => {
      const indent = /^ +/.exec(l)?.[0].length ?? 0;
      return item(l.trim(), 50 + indent * 3, 100 + k * 14, SIZE, { eol: true });
    });
    const c = cleanPdfPage(page(items));
    expect(c.blocks.map((b) => b.text)).toEqual([
      'First paragraph starts right here and ends now.',
      'Second one begins right after it and goes on for a while to fill the measure of a column',
      'Third.',
    ]);
  });
});

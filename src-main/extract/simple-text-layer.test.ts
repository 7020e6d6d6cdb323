import { describe, expect, it } from 'vitest';
import { createPrng } from '../../scripts/fixtures/prng.ts';
import { readSimpleTextLayer, type SimpleFont, type TextLayerResources } from './simple-text-layer.ts';

/**
 * Hostile and broken content streams: the reader answers items or a one-line
 * reason, never throws, and its memory stays bounded. (Whether its items are
 * pdf.js's is simple-text-reader.test.ts's job, against pdf.js itself.)
 */

const courier: SimpleFont = {
  key: {},
  name: 'Courier',
  width: (c) => (c >= 0x20 && c < 0x7f ? 600 : undefined),
  unicode: (c) => (c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : undefined),
  style: { fontFamily: 'monospace', ascent: NaN, descent: NaN, vertical: false },
};
const resources: TextLayerResources = {
  font: (name) => (name === 'F1' ? courier : `font /${name} is not in the page's resources`),
  xobject: (name) => (name === 'Im1' ? { kind: 'image', width: 10, height: 10 } : { kind: 'other' }),
  extGStateWithoutFont: () => true,
  loadedName: () => 'g_d0_f1',
};
const VIEW = [0, 0, 612, 792];
const read = (s: string | Uint8Array) => readSimpleTextLayer(typeof s === 'string' ? new TextEncoder().encode(s) : s, resources, VIEW);
const reason = (s: string | Uint8Array) => {
  const r = read(s);
  return 'unsupported' in r ? r.unsupported : 'read';
};

describe('words an OCR layer places one by one, set tight', () => {
  // The 1918 Evening Star's headline: 48 pt Courier squeezed to 60 % (17.28 pt a glyph), each word placed by its
  // own Td with 2.4 pt (0.05 em) between words, under pdf.js's 0.102 em, so pdf.js reads one glued word.
  const headline = 'BT /F1 48 Tf 60 Tz 72 700 Td (FOE) Tj 54.24 0 Td (MUST) Tj 71.52 0 Td (EVACUATE) Tj 140.64 0 Td (PERONNE;) Tj ET';
  const strs = (s: string, positionedWordSpaces?: boolean) => {
    const r = readSimpleTextLayer(new TextEncoder().encode(s), resources, VIEW, { positionedWordSpaces });
    return 'items' in r ? r.items.str : r.unsupported;
  };

  it('each word placed by Td is a word: a space between them, exactly', () => {
    expect(strs(headline)).toEqual(['FOE MUST EVACUATE PERONNE;']);
    // pdf.js's own reading, which positionedWordSpaces: false keeps item for item.
    expect(strs(headline, false)).toEqual(['FOEMUSTEVACUATEPERONNE;']);
  });

  it('the other positioning operators (TD, T*, Tm, \') place words too', () => {
    const placed = "BT /F1 48 Tf 60 Tz 72 700 Td (FOE) Tj 54.24 0 TD (MUST) Tj 1 0 0 1 197.76 700 Tm (EVACUATE) Tj ET";
    expect(strs(placed)).toEqual(['FOE MUST EVACUATE']);
    // T* and ' move to the start of the next line (TL 0: the same line here) and place the word there.
    const crs = 'BT /F1 48 Tf 60 Tz 0 TL 72 700 Td (FOE) Tj 54.24 0 Td T* (MUST) Tj 71.52 0 Td (EVACUATE) \' ET';
    expect(strs(crs)).toEqual(['FOE MUST EVACUATE']);
  });

  it('a gap of 0.01 em or less after Td adds nothing: the OCR placed one word in pieces', () => {
    // 0.4 pt (0.008 em) between "EVAC" and "UATE".
    expect(strs('BT /F1 48 Tf 60 Tz 72 700 Td (EVAC) Tj 69.52 0 Td (UATE) Tj ET')).toEqual(['EVACUATE']);
  });

  it('glyphs spaced by TJ kerning inside a word are never split, however wide the kerning', () => {
    // -50 in TJ is 2.4 pt (0.05 em) at 48 pt, the headline's word gap; -100 is 0.1 em, still under pdf.js's rule.
    const kerned = 'BT /F1 48 Tf 60 Tz 72 700 Td [(F) -50 (O) -100 (E)] TJ 59.28 0 Td [(M) -50 (U) -50 (S) -50 (T)] TJ ET';
    expect(strs(kerned)).toEqual(['FOE MUST']);
    expect(strs(kerned, false)).toEqual(['FOEMUST']);
  });
});

describe('readSimpleTextLayer on broken and hostile content', () => {
  it('reads a plain layer', () => {
    const r = read('BT /F1 10 Tf 72 700 Td (Hello) Tj 34 0 Td (world) Tj 60 0 Td (far) Tj ET');
    // A 4-point gap (under 0.6 em) joins the words with a space; a 30-point one is a separate item after a space item, as pdf.js does.
    expect('items' in r && r.items.str).toEqual(['Hello world', ' ', 'far']);
  });

  it.each([
    ['an unterminated string', 'BT /F1 10 Tf (never closed Tj ET', 'unterminated string'],
    ['an unterminated hex string', 'BT /F1 10 Tf <48656c', 'unterminated hex string'],
    ['a bad hex digit', 'BT /F1 10 Tf <48zz> Tj ET', 'bad hex string'],
    ['an unterminated array', 'BT /F1 10 Tf [(a) 10 (b) TJ', 'operator inside an array'],
    ['a stray bracket', 'BT ] ET', 'stray "]"'],
    ['a malformed number', 'BT /F1 10 Tf 1.2.3 4 Td ET', 'bad number'],
    ['text before any font', 'BT 10 10 Td (x) Tj ET', 'text shown before any font was set'],
    ['a name where a number belongs', 'BT /F1 /F1 Tf ET', 'operand is not a number'],
    ['an unknown operator', 'BT /F1 10 Tf foo ET', 'operator "foo"'],
    ['a Type 3 glyph operator', '0 0 d0', 'Type 3 glyph operator'],
    ['too many operands', '1 '.repeat(40) + 'Td', 'too many operands'],
    ['a form XObject', '/Fm1 Do', 'Do of a form or unknown XObject'],
  ])('%s: one-line reason', (_, content, why) => {
    expect(reason(content)).toBe(why);
  });

  it('deep nesting, endless q and a megabyte of garbage are refused quickly, not followed', () => {
    expect(reason('['.repeat(100_000))).toBe('arrays nested too deep');
    expect(reason('<<'.repeat(100_000))).toBe('dictionaries nested too deep');
    expect(reason('q '.repeat(1_000_000))).toBe('q nested too deep');
    const before = process.memoryUsage().heapUsed;
    const garbage = new Uint8Array(1 << 20);
    const rand = createPrng(7);
    for (let i = 0; i < garbage.length; i++) garbage[i] = Math.floor(rand() * 256);
    expect(typeof reason(garbage)).toBe('string');
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 << 20);
  });

  it('never throws on random mutations of a valid layer', () => {
    const base = new TextEncoder().encode('q 1 0 0 1 5 5 cm BT /F1 10 Tf 12 TL 72 700 Td [(Hel) -20 (lo)] TJ T* (wor\\(ld\\)) Tj 0 -12 TD <414243> Tj ET Q /Im1 Do');
    const rand = createPrng(3);
    for (let k = 0; k < 2000; k++) {
      const s = base.slice();
      for (let m = 0; m < 1 + Math.floor(rand() * 4); m++) s[Math.floor(rand() * s.length)] = Math.floor(rand() * 256);
      const r = read(s);
      expect('items' in r || typeof r.unsupported === 'string').toBe(true);
    }
  });
});

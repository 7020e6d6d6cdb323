import { describe, expect, it } from 'vitest';
import { createPrng } from '../../scripts/fixtures/prng.ts';
import { findEI, findImagePlacements, MAX_FORM_DEPTH, multiply, type Matrix, type Resources, type XObject } from './content-stream-images.ts';

const enc = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
const cat = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

function resources(table: Record<string, XObject>): Resources {
  return { xobject: (name) => table[name] };
}
const image = (width: number, height: number): XObject => ({ kind: 'image', width, height });
const form = (content: string | Uint8Array, matrix?: Matrix, res?: Resources): XObject => ({
  kind: 'form',
  content: () => (typeof content === 'string' ? enc(content) : content),
  matrix,
  resources: res,
});

const IM = resources({ Im1: image(10, 20), 'Im 2': image(3, 4) });
const ctms = (content: string | Uint8Array, res: Resources = IM) =>
  findImagePlacements(typeof content === 'string' ? enc(content) : content, res).map((p) => p.ctm);

describe('findImagePlacements: operators and the CTM', () => {
  it('places an image XObject at the CTM with its pixel size', () => {
    expect(findImagePlacements(enc('q 100 0 0 50 10 20 cm /Im1 Do Q'), IM)).toEqual([{ ctm: [100, 0, 0, 50, 10, 20], pixelWidth: 10, pixelHeight: 20 }]);
  });

  it('composes cm with the current matrix, new matrix first (as pdf.js does)', () => {
    expect(ctms('1 0 0 1 100 200 cm 50 0 0 60 0 0 cm /Im1 Do')).toEqual([[50, 0, 0, 60, 100, 200]]);
    // Rotate a quarter turn, then scale: the scaled unit square's (1,0) corner must land on (0,10).
    const [m] = ctms('0 1 -1 0 0 0 cm 10 0 0 20 0 0 cm /Im1 Do');
    expect(m).toEqual([0, 10, -20, 0, 0, 0]);
    expect(multiply([0, 1, -1, 0, 0, 0], [10, 0, 0, 20, 0, 0])).toEqual(m);
  });

  it('restores the CTM on Q, through nested q/Q, and ignores an unbalanced Q', () => {
    expect(ctms('q 2 0 0 2 0 0 cm q 1 0 0 1 10 0 cm /Im1 Do Q /Im1 Do Q /Im1 Do Q Q 3 0 0 3 0 0 cm Q /Im1 Do')).toEqual([
      [2, 0, 0, 2, 20, 0],
      [2, 0, 0, 2, 0, 0],
      [1, 0, 0, 1, 0, 0],
      [3, 0, 0, 3, 0, 0],
    ]);
  });

  it('ignores a cm without six numbers and takes the last six when given more', () => {
    expect(ctms('1 2 cm /Im1 Do')).toEqual([[1, 0, 0, 1, 0, 0]]);
    expect(ctms('/X 0 0 1 0 0 cm /Im1 Do')).toEqual([[1, 0, 0, 1, 0, 0]]);
    expect(ctms('9 2 0 0 2 .5 -1.5 cm /Im1 Do')).toEqual([[2, 0, 0, 2, 0.5, -1.5]]);
  });

  it('decodes #xx escapes in names and ignores names that are not XObjects or not images', () => {
    const res = resources({ Im1: image(1, 1), 'Im 2': image(3, 4), Other: { kind: 'other' }, NoSize: { kind: 'image' } });
    expect(findImagePlacements(enc('/Im#202 Do /Missing Do /Other Do /NoSize Do 5 Do Do'), res)).toEqual([{ ctm: [1, 0, 0, 1, 0, 0], pixelWidth: 3, pixelHeight: 4 }]);
  });

  it('keeps going after the streams of a /Contents array are joined', () => {
    expect(ctms('q 2 0 0 2 0 0 cm\n/Im1 Do\nQ\n/Im1 Do')).toEqual([
      [2, 0, 0, 2, 0, 0],
      [1, 0, 0, 1, 0, 0],
    ]);
  });
});

describe('findImagePlacements: what is not an operator', () => {
  it('skips literal strings with escaped and nested parentheses', () => {
    expect(ctms(String.raw`BT (fake \) /Im1 Do 1 0 0 1 9 9 cm) Tj (a (b /Im1 Do) c) Tj ET 2 0 0 3 10 20 cm /Im1 Do`)).toEqual([[2, 0, 0, 3, 10, 20]]);
    // An escaped backslash does not escape the closing parenthesis after it.
    expect(ctms(String.raw`(x\\) Tj 4 0 0 4 0 0 cm /Im1 Do`)).toEqual([[4, 0, 0, 4, 0, 0]]);
    expect(ctms(String.raw`(\(\(\() Tj /Im1 Do`)).toHaveLength(1);
  });

  it('skips hex strings, dictionaries, arrays and comments', () => {
    expect(ctms('<48656c6c6f> Tj /OC <</Name (q) /Arr [/Im1 Do 1 2 3 4 5 6 cm]>> BDC [(a) 10 (b)] TJ % /Im1 Do 9 0 0 9 0 0 cm\n/Im1 Do EMC')).toEqual([[1, 0, 0, 1, 0, 0]]);
    // The operands of the next operator are not polluted by an array just closed.
    expect(ctms('[1 2 3] 0 d 2 0 0 2 0 0 cm /Im1 Do')).toEqual([[2, 0, 0, 2, 0, 0]]);
  });

  it('never throws on garbage and still finds a later valid image', () => {
    const garbage = [')', ']]', '>>', '}{', '((((', '<', '<<', '[', '/', '%', 'BI', 'BI /W 1 /H', 'ID', 'EI', 'Q Q Q', 'cm', 'Do', '1e5', '--3', '.', '#'];
    for (const g of garbage) {
      expect(() => findImagePlacements(enc(g), IM)).not.toThrow();
      // Garbage that leaves a string, array or inline image open may swallow the rest; otherwise the image is found.
      const after = findImagePlacements(enc(`${g}\n/Im1 Do`), IM);
      expect(after.length).toBeLessThanOrEqual(1);
    }
    expect(ctms(') ] >> } Q Q 1e5 --3 cm /Im1 Do')).toEqual([[1, 0, 0, 1, 0, 0]]);
    const rand = createPrng(7);
    const alphabet = ['q', 'Q', ' ', '\n', '1', '0', '.', '-', 'cm', ' /Im1 ', 'Do', 'BI', ' ID ', ' EI ', '(', ')', '\\', '<', '>', '[', ']', '%', '/', '#2', 'Fm'];
    for (let n = 0; n < 300; n++) {
      let s = '';
      for (let i = 0; i < 60; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const bytes = cat(s, Array.from({ length: 20 }, () => Math.floor(rand() * 256)));
      const loop = resources({ Im1: image(2, 2), Fm: form(bytes) });
      const out = findImagePlacements(bytes, loop);
      for (const p of out) {
        expect(p.ctm).toHaveLength(6);
        expect(p.pixelWidth).toBeGreaterThan(0);
      }
      // The form paints itself, so only the cycle guard keeps this finite.
      expect(out.length).toBeLessThan(200);
    }
  });

  it('survives a resource lookup that throws or a form that cannot be decoded', () => {
    const bad: Resources = {
      xobject: (name) => {
        if (name === 'Boom') throw new Error('broken xref');
        if (name === 'Fm') return { kind: 'form', content: () => { throw new Error('bad flate'); } };
        return image(1, 1);
      },
    };
    expect(findImagePlacements(enc('/Boom Do /Fm Do /Im1 Do'), bad)).toHaveLength(1);
  });
});

describe('findImagePlacements: form XObjects', () => {
  it('applies the form /Matrix and uses the form’s own resources; the form’s state does not leak', () => {
    const inner = resources({ Im2: image(7, 8) });
    const res = resources({ Fm1: form('q 100 0 0 100 0 0 cm /Im2 Do Q 5 0 0 5 0 0 cm q', [1, 0, 0, 1, 50, 50], inner), Im1: image(10, 20) });
    expect(findImagePlacements(enc('2 0 0 2 0 0 cm /Fm1 Do /Im1 Do'), res)).toEqual([
      { ctm: [200, 0, 0, 200, 100, 100], pixelWidth: 7, pixelHeight: 8 },
      { ctm: [2, 0, 0, 2, 0, 0], pixelWidth: 10, pixelHeight: 20 },
    ]);
  });

  it('falls back to the painter’s resources when the form has none', () => {
    const res = resources({ Fm1: form('/Im1 Do'), Im1: image(10, 20) });
    expect(ctms('3 0 0 3 0 0 cm /Fm1 Do', res)).toEqual([[3, 0, 0, 3, 0, 0]]);
  });

  it('does not follow a form into itself', () => {
    const table: Record<string, XObject> = { Im1: image(1, 1) };
    table.Fm1 = form('/Im1 Do /Fm2 Do');
    table.Fm2 = form('1 0 0 1 1 0 cm /Im1 Do /Fm1 Do');
    expect(ctms('/Fm1 Do', resources(table))).toEqual([
      [1, 0, 0, 1, 0, 0],
      [1, 0, 0, 1, 1, 0],
    ]);
  });

  it(`stops at ${MAX_FORM_DEPTH} levels of distinct nested forms`, () => {
    const table: Record<string, XObject> = { Im1: image(1, 1) };
    for (let i = 0; i < 30; i++) table[`F${i}`] = form(`/Im1 Do /F${i + 1} Do`);
    expect(ctms('/F0 Do', resources(table))).toHaveLength(MAX_FORM_DEPTH);
  });
});

describe('findImagePlacements: inline images', () => {
  it('places an inline image and skips unfiltered binary data by its length, even where it holds " EI "', () => {
    // 23 × 1 grey pixels whose bytes read like an end of image followed by operators.
    const pixels = ' EI Q Q 9 0 0 9 0 0 cm ';
    expect(pixels).toHaveLength(23);
    const content = cat('q 10 0 0 10 5 5 cm BI /W 23 /H 1 /CS /G /BPC 8 ID ', pixels, '\nEI Q /Im1 Do');
    expect(findImagePlacements(content, IM)).toEqual([
      { ctm: [10, 0, 0, 10, 5, 5], pixelWidth: 23, pixelHeight: 1 },
      { ctm: [1, 0, 0, 1, 0, 0], pixelWidth: 10, pixelHeight: 20 },
    ]);
  });

  it('finds the end of filtered data at the first EI between whitespace, not at EI inside the bytes', () => {
    const data = [0x45, 0x49, 0x00, 0x20, 0x45, 0x49, 0x41, 0x78, 0x45, 0x49, 0x0a, 0xff, 0x45, 0x49];
    const content = cat('2 0 0 2 0 0 cm BI /Width 3 /Height 5 /F [/Fl] /DP << /Predictor 1 >> ID ', data, ' EI /Im1 Do');
    expect(findImagePlacements(content, IM)).toEqual([
      { ctm: [2, 0, 0, 2, 0, 0], pixelWidth: 3, pixelHeight: 5 },
      { ctm: [2, 0, 0, 2, 0, 0], pixelWidth: 10, pixelHeight: 20 },
    ]);
  });

  it('handles image masks (1 bit, no colour space) and a colour space it cannot size', () => {
    // 9 × 2 mask = 2 bytes a row; the 4 data bytes contain " EI ".
    const mask = cat('BI /IM true /W 9 /H 2 ID ', [0x20, 0x45, 0x49, 0x20], ' EI /Im1 Do');
    expect(findImagePlacements(mask, IM).map((p) => [p.pixelWidth, p.pixelHeight])).toEqual([
      [9, 2],
      [10, 20],
    ]);
    const named = cat('BI /W 2 /H 1 /CS /CS0 /BPC 8 ID ', [1, 2], ' EI /Im1 Do');
    expect(findImagePlacements(named, IM)).toHaveLength(2);
  });

  it('treats data at the end of the stream as ending the image', () => {
    expect(findImagePlacements(cat('BI /W 1 /H 1 /F /AHx ID 0A'), IM)).toEqual([{ ctm: [1, 0, 0, 1, 0, 0], pixelWidth: 1, pixelHeight: 1 }]);
    expect(findImagePlacements(cat('BI /W 1 /H 1 EI /Im1 Do'), IM)).toHaveLength(1);
  });

  it('findEI needs whitespace before and whitespace or the end after', () => {
    const s = enc('xEI EIx\nEI');
    expect(findEI(s, 0)).toBe(s.length);
    expect(findEI(enc('ab EI '), 0)).toBe(5);
    expect(findEI(enc('abc'), 0)).toBe(3);
  });
});

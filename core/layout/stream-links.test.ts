import { describe, expect, it } from 'vitest';
import { cleanPage } from '../cleaning/clean-page.ts';
import type { RawItem } from '../page-model.ts';
import { page, PAGE_H, provenanceProblems } from '../../test-support/synthetic-page.ts';
import { GUTTER_OVERLAP_1859 } from './fixtures/gutter-overlap-1859.ts';

/** An OCR word box as the 1870 LoC scan's text layer has it: [x0, top, x1, bottom], size = box height. */
function word(str: string, [x0, top, x1, bottom]: [number, number, number, number], eol = false): RawItem {
  const size = bottom - top;
  return { str, font: 'f', size, transform: [size, 0, 0, size, x0, PAGE_H - bottom], rect: [x0, top, x1, bottom], eol };
}

describe('stream links', () => {
  it('keep a punctuation mark boxed alone at the top or middle of its line on that line', () => {
    // From the 1870 scan: "the Annua) ' Conference" — the apostrophe's box is 2 pt tall at the top of
    // the line, so its bottom is 8 pt above the words' and no baseline rule joins it; the word after
    // it must still continue the line (its baseline is judged against "Annua)", not the mark).
    const items = [
      word('the', [1370, 998.0, 1386, 1008.5]),
      word(' ', [1386, 998.0, 1392, 1008.5]),
      word('Annua)', [1392, 998.2, 1423.7, 1008.6]),
      word(' ', [1423.7, 998.2, 1431.1, 1008.6]),
      word("'", [1431.1, 998.5, 1432.8, 1000.5]),
      word(' ', [1432.8, 998.5, 1435.7, 1000.5]),
      word('Conference', [1435.7, 998.3, 1484.2, 1009.5]),
      word(' ', [1484.2, 998.3, 1487, 1009.5]),
      word('met', [1487, 998.6, 1503, 1008.8]),
      word(' ', [1503, 998.6, 1506, 1008.8]),
      // A hyphen boxed at mid-height, drawn before the word it precedes.
      word('-', [1506, 1002.0, 1509, 1004.0]),
      word('here.', [1509, 998.4, 1530, 1008.7], true),
    ];
    const p = { ...page(items), width: 1600, height: PAGE_H };
    const cleaned = cleanPage(p);
    expect(cleaned.blocks.map((b) => b.text)).toEqual(["the Annua) ' Conference met -here."]);
    expect(provenanceProblems(p, cleaned)).toEqual([]);
  });

  it('keep a word whose OCR box hangs down over the next line on the line it starts on', () => {
    // From the 1859 scan: "improvement" is boxed 26 pt tall (the line below merged into it), its top level
    // with its line's; it was a one-word block. The next line ("lanterns.") stays a line of its own.
    const items = [
      word('Deposit.', [350.4, 994.5, 385.7, 1008.1]),
      word(' ', [385.7, 994.5, 389.5, 1008.1]),
      word('N.', [389.5, 994.9, 400.1, 1006.5]),
      word(' ', [400.1, 994.9, 404.4, 1006.5]),
      word('Y.', [404.4, 995.0, 415.4, 1006.2]),
      word(' ', [415.4, 995.0, 419.0, 1006.2]),
      word('For', [419.0, 995.0, 439.4, 1006.2]),
      word(' ', [439.4, 995.0, 443.0, 1006.2]),
      word('improvement', [443.0, 992.2, 495.7, 1018.2], true),
      word('in', [350.4, 1003.6, 360.0, 1015.4]),
      word(' ', [360.0, 1003.6, 363.0, 1015.4]),
      word('lanterns.', [367.7, 1003.4, 404.9, 1015.4], true),
    ];
    const p = { ...page(items), width: 1600, height: PAGE_H };
    const cleaned = cleanPage(p);
    expect(cleaned.blocks.map((b) => b.text)).toEqual(['Deposit. N. Y. For improvement in lanterns.']);
    expect(provenanceProblems(p, cleaned)).toEqual([]);
  });

  it('end a producer line where the next word drawn starts back to the left and lower, even unmarked', () => {
    // The 1859 scan's text layer marks few line ends. "paMiejilar." (particular.) ends the left
    // column's line with a box 23 pt tall reaching 3 pt into the next column, over "Extensive",
    // the first word of a heading drawn much later. The boxes overlap, so no gap or river parts
    // them; the producer's line break after "paMiejilar." (the next word drawn is back at the
    // column's left edge, lower down) does. The two used to read as one line:
    // "… in every paMiejilar.Extensive MA IK Mi AN V, WAI.Nl T."
    const items = GUTTER_OVERLAP_1859.map(([str, x0, top, x1, bottom, eol]) => word(str, [x0, top, x1, bottom], eol));
    const p = { ...page(items), width: 1600, height: PAGE_H };
    const cleaned = cleanPage(p);
    const texts = cleaned.blocks.map((b) => b.text);
    expect(texts.filter((t) => t.includes('paMiejilar.') || t.includes('Extensive'))).toEqual([
      expect.not.stringContaining('Extensive'),
      expect.not.stringContaining('paMiejilar.'),
    ]);
    expect(provenanceProblems(p, cleaned)).toEqual([]);
  });

  it('let a word the producer read into the next column\'s line end the line it is printed on', () => {
    // As on the 1859 scan: two justified columns 22 pt apart, and the producer (ABBYY) starts
    // every other right-column line with the last word of the left column's line beside it
    // ("on" of "learn that on", 6 pt after "that" and 6 pt before the right column's rule). As
    // the start of a producer line such a word could not join the line it ends, and was a block
    // of its own.
    const words = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'sigma'];
    const items: RawItem[] = [];
    // Word widths vary from line to line, so word spaces do not line up into rivers of their own.
    const line = (x0: number, top: number, texts: string[], n: number) => {
      let x = x0;
      texts.forEach((t, k) => {
        if (k) {
          items.push(word(' ', [x, top, x + 4, top + 10]));
          x += 4;
        }
        // Justified: the last word ends at the column's right edge.
        const w = k === texts.length - 1 ? x0 + 219.8 - x : 22 + ((n * 7 + k * 11) % 13);
        items.push(word(t, [x, top, x + w, top + 10], k === texts.length - 1));
        x += w;
      });
    };
    const cut = (k: number) => (k === 12 ? 'on' : `c${k}`);
    for (let k = 0; k < 24; k++) line(20, 100 + 10 * k, [k === 12 ? 'learn' : 'alpha', ...words.slice(1)], k);
    for (let k = 0; k < 24; k++) {
      // The cut-off word, drawn as the start of the right column's line.
      // (Up to 6 pt after the left column's edge, some touching it: the gutter's river lies between them and the right column.)
      const x0 = k === 12 ? 245.5 : 239 + ((k * 5) % 6);
      if (k % 2 === 0) items.push(word(cut(k), [x0, 100 + 10 * k, 256, 110 + 10 * k]), word(' ', [256, 100 + 10 * k, 262, 110 + 10 * k]));
      line(262, 100 + 10 * k, words, k + 5);
    }
    const p = { ...page(items), width: 600, height: PAGE_H };
    const cleaned = cleanPage(p);
    const texts = cleaned.blocks.map((b) => b.text);
    // "on" ends the left column's line 12 (the right column's line 12 follows 11 lines further on).
    expect(texts.join(' ')).toContain('alpha beta gamma delta omega sigma learn beta gamma delta omega sigma on alpha beta');
    expect(texts.filter((t) => t.split(/\s+/).length <= 2)).toEqual([]);
    expect(provenanceProblems(p, cleaned)).toEqual([]);
  });
});

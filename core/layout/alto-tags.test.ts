import { describe, expect, it } from 'vitest';
import { createPrng as random } from '../../scripts/fixtures/prng.ts';
import { attr, hasTag, numAttr, tagStarts, wholeTags } from './alto-tags.ts';
import { parseAlto, parseAltoPage } from './alto.ts';
import { referenceParseAlto, referenceParseAltoPage } from '../../test-support/reference-alto-parse.ts';

// Pieces of ALTO and of what breaks naive tag readers: prefixes, names inside names and values, odd white space, unclosed tags.
const PIECES = [
  '<Page', '<alto:Page', '<a:b:Page', '<Page:Page', '<xPage:Page', '<_1:Page', '<:Page', '< Page', 'Page', 'Pages', '<Pages', '<Page-1', '<Page>',
  '<TextBlock', '<TextLine', '<TextLineX', '<String', '<alto:String', '<HYP', '<SP', '<Illustration', '<x:GraphicalElement', '<GraphicalElements',
  '<', '>', '/>', ':', '"', '=', '="', ' ', ' ', ' ', '\t', '\n', '\u00a0', '\u3000', '\ufeff', '\u2028', '_', 'a1',
  'WIDTH="', 'HEIGHT="', 'HPOS="', 'VPOS="', 'CONTENT="', 'SUBS_TYPE="', 'SUBS_CONTENT="', 'SUBS_WIDTH="', 'WIDTH ="', 'WIDTH',
  '12', '007', '1e3', '-5', '1.5', '0x10', '1234567890123456789', 'Infinity', 'HypPart1', 'HypPart2', '&amp;', '&#x41;', '&#99999999;', '&bogus;',
];

function soup(rnd: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rnd() * PIECES.length)];
  return s;
}

/** Mostly well-formed: a Page, then words whose attributes are sometimes odd. */
function altoLike(rnd: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const value = () => pick(['12', '007', '0', '', '1.5', '1e3', '-5', ' 3', '1234567890123456789', 'x', 'Infinity']);
  const sep = () => pick([' ', ' ', ' ', '\n', '\t', '\u00a0']);
  const box = () => ['HPOS', 'VPOS', 'WIDTH', 'HEIGHT'].map((n) => (rnd() < 0.95 ? `${sep()}${n}="${value()}"` : '')).join('');
  let s = `<?xml version="1.0"?><alto><Layout>${pick(['<Page', '<alto:Page', '<Page:Page'])} WIDTH="${pick(['1000', '1000.0', '10e2'])}" HEIGHT="1000">`;
  for (let b = 0; b < 3; b++) {
    s += pick(['<TextBlock>', '<TextBlock ID="B">', '']);
    for (let l = 0; l < 3; l++) {
      s += `<TextLine${box()}>`;
      for (let w = 0; w < 4; w++) {
        const subs = rnd() < 0.2 ? ` SUBS_TYPE="${pick(['HypPart1', 'HypPart2', 'x'])}" SUBS_CONTENT="who&amp;le"` : '';
        s += `<String${rnd() < 0.9 ? ` CONTENT="${pick(['word', 'a&amp;b', '&#x41;', '', 'WIDTH="9', 'x &bogus;'])}"` : ''}${subs}${box()}/>`;
        if (rnd() < 0.1) s += soup(rnd, 3);
      }
      if (rnd() < 0.2) s += '<HYP CONTENT="-"/>';
      s += '</TextLine>';
    }
    s += '</TextBlock>';
  }
  return s + (rnd() < 0.3 ? '</Page><Page WIDTH="500" HEIGHT="500"><TextBlock><TextLine><String CONTENT="two" HPOS="1" VPOS="1" WIDTH="1" HEIGHT="1"/>' : '</Page>') + '</Layout></alto>';
}

/** parseAlto's answer, or the reason it threw. */
const outcome = (f: () => unknown) => {
  try {
    return f();
  } catch (err) {
    return `throws: ${(err as Error).message}`;
  }
};

describe('alto-tags: the same answers as the regular expressions they replace', () => {
  const cases: string[] = [];
  const rnd = random(7);
  for (let i = 0; i < 3000; i++) cases.push(soup(rnd, 5 + Math.floor(rnd() * 60)));
  const files = Array.from({ length: 400 }, () => altoLike(rnd));

  it('tagStarts and hasTag find the tags /<(?:\\w+:)?NAME\\b/ finds', () => {
    for (const xml of cases) {
      expect(tagStarts(xml, 'Page')).toEqual([...xml.matchAll(/<(?:\w+:)?Page\b/g)].map((m) => m.index));
      expect(hasTag(xml, ['Illustration', 'GraphicalElement'])).toBe(/<(?:\w+:)?(?:Illustration|GraphicalElement)\b/.test(xml));
    }
    expect(tagStarts('<Page:Page <a:b:Page <x:Page>', 'Page')).toEqual([0, 21]);
    expect(wholeTags('<Page:Page A="1">', ['Page'])).toEqual([{ start: 0, attrs: 10, end: 17 }]);
  });

  it('wholeTags finds the tags and attribute text /<(?:\\w+:)?(?:A|B)\\b([^>]*)>/g finds', () => {
    const spans = (xml: string, names: string[]) => wholeTags(xml, names).map((t) => [t.start, xml.slice(t.attrs, t.end - 1), t.end]);
    const matches = (xml: string, re: RegExp) => [...xml.matchAll(re)].map((m) => [m.index, m[1], m.index + m[0].length]);
    for (const xml of cases) {
      expect(spans(xml, ['Page'])).toEqual(matches(xml, /<(?:\w+:)?Page\b([^>]*)>/g));
      expect(spans(xml, ['Illustration', 'GraphicalElement'])).toEqual(matches(xml, /<(?:\w+:)?(?:Illustration|GraphicalElement)\b([^>]*)>/g));
    }
  });

  it('attr and numAttr read the value /\\sNAME="([^"]*)"/ reads', () => {
    let found = 0;
    for (const xml of [...cases, ...files])
      for (const name of ['WIDTH', 'HEIGHT', 'CONTENT', 'SUBS_TYPE']) {
        const want = new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1];
        expect(attr(xml, name)).toBe(want);
        expect(numAttr(xml, name)).toBe(Number(want));
        if (want !== undefined) found++;
      }
    expect(found).toBeGreaterThan(1500);
    expect(numAttr(' A="1234567890123456789"', 'A')).toBe(Number('1234567890123456789'));
    expect(numAttr(' A=""', 'A')).toBe(0);
    expect(numAttr(' A="0x10"', 'A')).toBe(16);
  });

  it('parseAlto and parseAltoPage give what the regular-expression reader gave, odd files included', () => {
    let read = 0;
    for (const xml of [...cases.slice(0, 500).map((c) => `<Page WIDTH="1000" HEIGHT="1000">${c}`), ...files]) {
      const ours = outcome(() => parseAlto(xml, 1000, 1000));
      expect(ours).toStrictEqual(outcome(() => referenceParseAlto(xml, 1000, 1000)));
      for (const k of [0, 1]) expect(outcome(() => parseAltoPage(xml, k, 500, 500))).toStrictEqual(outcome(() => referenceParseAltoPage(xml, k, 500, 500)));
      if (typeof ours === 'object') read++;
    }
    expect(read).toBeGreaterThan(600);
  });
});

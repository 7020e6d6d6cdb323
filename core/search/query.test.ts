import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fold, foldWithMap } from './fold.ts';
import { indexTerms } from './index-terms.ts';
import { compileQuery, ftsExpression, verifyText } from './match.ts';
import { parseQuery } from './query.ts';
import { makeSnippet, toOriginalRanges } from './snippet.ts';

describe('parseQuery', () => {
  it('ANDs words, joins OR alternatives, drops -words into exclusions, keeps quoted phrases whole', () => {
    const q = parseQuery('职工 Washington OR Wasbington -广告 "Evening  Star"');
    expect(q.groups.map((g) => g.map((t) => t.text))).toEqual([['职工'], ['washington', 'wasbington'], ['evening  star']]);
    expect(q.exclude.map((t) => t.text)).toEqual(['广告']);
    expect(q.groups[1][0].expandable).toBe(true);
    expect(q.groups[2][0].expandable).toBe(false);
    expect(q.groups[0][0].expandable).toBe(false);
  });

  it('ignores empty terms, a leading OR and punctuation-only input', () => {
    expect(parseQuery('OR ，。 ""').groups).toEqual([]);
    expect(parseQuery('-').groups).toEqual([]);
  });
});

describe('index terms and the FTS5 expression agree', () => {
  it('cuts CJK runs into pairs plus the run’s last character, and words as they are', () => {
    expect(indexTerms(fold('职工之家，Evening Star 1918年'))).toBe('职工 工之 之家 家 evening star 1918 年');
  });

  it('makes a CJK phrase a phrase of pairs, a lone character a prefix, and Latin words prefix/fuzzy alternatives', () => {
    expect(ftsExpression(parseQuery('大陈村'))).toBe('"大陈 陈村"');
    expect(ftsExpression(parseQuery('村'))).toBe('"村"*');
    expect(ftsExpression(parseQuery('2020年'))).toBe('"2020 年"*');
    expect(ftsExpression(parseQuery('wash -"x y"'), { expansions: new Map([['wash', ['wasb']]]) })).toBe('(("wash" OR "wash"* OR "wasb")) NOT ("x y")');
  });

  it('verifies against folded text: phrases need adjacency, words need word boundaries', () => {
    const c = compileQuery(parseQuery('大陈村 star'));
    expect(verifyText(c, fold('来到大陈村。ＳＴＡＲ'))).toEqual([[2, 5], [6, 10]]);
    expect(verifyText(c, fold('来到大陈，陈村。star'))).toBeNull();
    expect(verifyText(compileQuery(parseQuery('"evening star"')), 'the evening-star')).toEqual([[4, 16]]);
    expect(verifyText(compileQuery(parseQuery('star -evening')), 'the evening star')).toBeNull();
  });
});

describe('fold', () => {
  it('fold() and foldWithMap() give the same text on every fixture and the seed dump', () => {
    const root = join(import.meta.dirname, '..', '..');
    for (const f of ['fixtures/pdf/cjk-overprint.expected.json', 'fixtures/pdf/latin-columns.expected.json', 'core/cleaning/fixtures/seed-excerpt.txt']) {
      const text = readFileSync(join(root, f), 'utf8') + ' ﬁx é㈱ e\u0301t Ärzte ＷＡＳＨ';
      expect(fold(text)).toBe(foldWithMap(text).text);
    }
  });
});

describe('snippets', () => {
  it('carry folded matches back to original offsets and mark them in the excerpt', () => {
    const original = 'Le ﬁx du Café';
    const f = foldWithMap(original);
    const ranges = verifyText(compileQuery(parseQuery('fix cafe')), f.text)!;
    const orig = toOriginalRanges(ranges, f.map, original);
    expect(orig.map(([s, e]) => original.slice(s, e))).toEqual(['ﬁx', 'Café']);
    const snip = makeSnippet('x'.repeat(50) + 'Café au lait', [[50, 54]]);
    expect(snip.text.startsWith('…')).toBe(true);
    expect(snip.marks.map(([s, e]) => snip.text.slice(s, e))).toEqual(['Café']);
  });
});

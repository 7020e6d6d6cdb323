import { describe, expect, it } from 'vitest';
import { fold, foldWithMap } from './fold.ts';
import { tokenize, tokensWithPositions } from './tokenize.ts';

describe('fold', () => {
  it('folds width, case and Latin diacritics', () => {
    expect(fold('ＷＡＳＨＩＮＧＴＯＮ Café Ärzte ０１２')).toBe('washington cafe arzte 012');
    expect(fold('Straße')).toBe('straße');
  });

  it('keeps kana voicing marks and CJK text as it is', () => {
    expect(fold('がっこう 职工之家')).toBe('がっこう 职工之家');
  });

  it('maps every folded character back to the original, across length changes', () => {
    const f = foldWithMap('ﬁx é㈱');
    expect(f.text).toBe('fix e(株)');
    expect(f.map).toEqual([0, 0, 1, 2, 3, 4, 4, 4, 5]);
    const decomposed = foldWithMap('e\u0301t');
    expect(decomposed.text).toBe('et');
    expect(decomposed.map).toEqual([0, 2, 3]);
  });
});

describe('tokenize', () => {
  it('cuts CJK runs into overlapping pairs and Latin into words', () => {
    expect(tokenize(fold('职工之家 Evening Star 1918'))).toEqual(['职工', '工之', '之家', 'evening', 'star', '1918']);
  });

  it('keeps a lone CJK character, and splits mixed runs at the script change', () => {
    expect(tokenize('工 a16支')).toEqual(['工', 'a16', '支']);
    expect(tokenize('小组16支')).toEqual(['小组', '16', '支']);
  });

  it('reports where each token sits', () => {
    expect(tokensWithPositions('ab 工会')).toEqual([
      { term: 'ab', start: 0, end: 2 },
      { term: '工会', start: 3, end: 5 },
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { BYLINE, BYLINE_MARK, CJK_PUNCT, CLAUSE_PUNCT, NEVER_DOUBLED } from './script.ts';

describe('punctuation sets', () => {
  it('clause punctuation covers Chinese and Latin, not dashes or ellipses', () => {
    for (const ch of '，。、；：！？“《（,;:!?') expect(CLAUSE_PUNCT.test(ch), ch).toBe(true);
    for (const ch of '—…⋯-a中') expect(CLAUSE_PUNCT.test(ch), ch).toBe(false);
  });
  it('pairs that occur in real text ("……", "——") are not overprint evidence', () => {
    for (const ch of '…⋯—') expect(NEVER_DOUBLED.test(ch), ch).toBe(false);
    for (const ch of '，。「」(') expect(NEVER_DOUBLED.test(ch), ch).toBe(true);
  });
  it('CJK punctuation includes full-width forms and the symbols block', () => {
    for (const ch of '，〔…！\u3001\uFF1F') expect(CJK_PUNCT.test(ch), ch).toBe(true);
    expect(CJK_PUNCT.test(',')).toBe(false);
  });
});

describe('credit lines', () => {
  it('recognises reporters, correspondents and photographers in Chinese and English', () => {
    for (const line of ['□记者 潘燕佳', '本报记者 王明', '特约通讯员 李', '文/张三', '图／李四', '■摄影 赵', 'By JOHN SMITH', 'BY THE ASSOCIATED PRESS']) {
      expect(BYLINE.test(line), line).toBe(true);
    }
    for (const line of ['围绕中心服务大局', 'Bylaws of the club', 'Byzantine art']) expect(BYLINE.test(line), line).toBe(false);
    expect(BYLINE_MARK.test('□ 潘燕佳')).toBe(true);
  });
});

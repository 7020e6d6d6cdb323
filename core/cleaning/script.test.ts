import { describe, expect, it } from 'vitest';
import { BYLINE, BYLINE_MARK, CLAUSE_PUNCT, cjkForSpacing, isCjk, isNeutral, NEVER_DOUBLED, spaceBetween } from './script.ts';
import { cleanTextPage, textDumpToRawPage } from './text-page.ts';
import { cleanPdfPage } from './pdf-page.ts';
import { column, page } from '../../test-support/synthetic-page.ts';

describe('character classes from Unicode script properties', () => {
  it('counts Han, kana, hangul, CJK punctuation and full-width forms as CJK, and nothing Latin', () => {
    for (const ch of [...'中文かなカナ한글ㄅ。、《》「」，；：！？（）％']) expect(isCjk(ch), ch).toBe(true);
    for (const ch of [...'aZ09.,;:!?()"\'-éß']) expect(isCjk(ch), ch).toBe(false);
    // Ideographs outside the BMP (CJK Extension B).
    expect(isCjk('𠀀')).toBe(true);
  });

  it('judges typographic punctuation by its neighbours', () => {
    for (const ch of [...'“”‘’—…·']) expect(isNeutral(ch), ch).toBe(true);
    const en = [...'that “the war”'];
    expect(cjkForSpacing(en, en.indexOf('“'), 1)).toBe(false);
    const zh = [...'他说：“我们”'];
    expect(cjkForSpacing(zh, zh.indexOf('“'), 1)).toBe(true);
    expect(cjkForSpacing(zh, zh.indexOf('”'), -1)).toBe(true);
  });

  it('keeps a phrase gap between CJK letters unless the line is letter-spaced, and any space beside Latin', () => {
    expect(spaceBetween(true, true, '者', '王', false)).toBe('keep');
    expect(spaceBetween(true, true, '者', '王', true)).toBe('justification-space');
    expect(spaceBetween(true, true, '，', '王', false)).toBe('justification-space');
    expect(spaceBetween(false, true, '0', '年', false)).toBe('keep');
    expect(spaceBetween(false, false, '”', 'T', false)).toBe('keep');
  });
});

describe('one spacing policy in both pipelines', () => {
  const english = 'He wrote that “the war is over.” The people sang—loudly—all night.';
  const chinese = '□记者 王明';

  it('text dump: English keeps its spaces beside quotes; a CJK byline keeps its phrase gap', () => {
    const c = cleanTextPage(textDumpToRawPage(`${english}\n${chinese}`));
    expect(c.blocks.map((b) => b.text)).toEqual([english, chinese]);
  });

  it('PDF: the same text, one item per word as OCR layers give it, reads the same', () => {
    const words = english.split(' ');
    // One line per item run of 1 word: the join decides every space.
    const items = column({ lines: [english], x: 50, top: 100, size: 10, runLength: 1 });
    const p = page([...items, ...column({ lines: [chinese], x: 50, top: 200, size: 10 })]);
    const c = cleanPdfPage(p);
    expect(c.blocks.map((b) => b.text)).toEqual([words.join(' '), chinese]);
  });
});

describe('punctuation sets', () => {
  it('clause punctuation covers Chinese and Latin, not dashes or ellipses', () => {
    for (const ch of '，。、；：！？“《（,;:!?') expect(CLAUSE_PUNCT.test(ch), ch).toBe(true);
    for (const ch of '—…⋯-a中') expect(CLAUSE_PUNCT.test(ch), ch).toBe(false);
  });
  it('pairs that occur in real text ("……", "——") are not overprint evidence', () => {
    for (const ch of '…⋯—') expect(NEVER_DOUBLED.test(ch), ch).toBe(false);
    for (const ch of '，。「」(') expect(NEVER_DOUBLED.test(ch), ch).toBe(true);
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

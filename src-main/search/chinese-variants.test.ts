import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { chineseVariants, hasNoOtherForm } from './chinese-variants.ts';

type Convert = (text: string) => string;
const OpenCC = createRequire(import.meta.url)('opencc-js') as { Converter(o: { from: string; to: string }): Convert };

// Words whose conversion depends on the phrase (头发 → 頭髮, 干净 → 乾淨, 一了百了 unchanged), either form, mixed, Latin.
const TEXTS = ['头发', '頭髮', '干净', '一了百了', '一了百了的干部', '大陳村', '大陈村', '台湾铁路的新车站明日启用。', '臺灣鐵路局今日公佈新時刻表。', '职工', '職工', '大村', 'the 铁路 station', '後来', '后來'];

it('gives what the whole OpenCC converters give, built only from the entries that can match', () => {
  const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
  const toTraditional = OpenCC.Converter({ from: 'cn', to: 't' });
  const variants = chineseVariants();
  expect(TEXTS.map((t) => [t, ...variants(t)])).toEqual(TEXTS.map((t) => [t, toSimplified(t), toTraditional(t)]));
  expect(variants('头发干净')).toEqual(['头发干净', '頭髮乾淨']);
});

it('tells which texts no conversion between simplified and traditional can change, without converting them', () => {
  const variants = chineseVariants();
  const unchanged = ['大村', '日本', '上海', '北京', 'the'];
  const words = [...unchanged, '大陳村', '大陈村', '中国', '头发', '頭髮', '铁路', '干净', '一了百了'];
  expect(words.map((w) => [w, hasNoOtherForm(w)])).toEqual(words.map((w) => [w, unchanged.includes(w)]));
  // Never true for a text a conversion changes (0 of 60,000 common words when this was written).
  for (const w of words) if (hasNoOtherForm(w)) expect(variants(w)).toEqual([w, w]);
});

import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLanguage, documentLanguage, LANGUAGE_TAG_RE, partLanguage } from './language.ts';

const SEED = join(import.meta.dirname, '..', '..', 'shared', 'seed', '000_c995828efad2e200.txt');

describe('detectLanguage', () => {
  it('reads Simplified and Traditional Chinese apart by the characters only one form has', () => {
    expect(detectLanguage('来到大陈村职工活动中心，你不禁会羡慕生活在这里的职工。')).toBe('zh-Hans');
    expect(detectLanguage('來到大陳村職工活動中心，你不禁會羨慕生活在這裡的職工。')).toBe('zh-Hant');
    expect(detectLanguage('中山大道')).toBe('zh'); // nothing tells the two apart
  });

  it('calls kana among kanji Japanese, Hangul Korean', () => {
    expect(detectLanguage('東京の新聞は毎朝配達される。')).toBe('ja');
    expect(detectLanguage('서울 신문은 매일 아침 배달된다.')).toBe('ko');
  });

  it('calls Latin text English and Cyrillic Russian; digits alone say nothing', () => {
    expect(detectLanguage('WASHINGTON, D. C., SUNDAY MORNING, SEPTEMBER 1, 1918')).toBe('en');
    expect(detectLanguage('Москва, 1 сентября')).toBe('ru');
    expect(detectLanguage('1918 — 27,158.')).toBeNull();
  });

  it('weighs a CJK character as a word: a Chinese page with an English name stays Chinese', () => {
    expect(detectLanguage('本报记者 John Smith 报道：围绕中心服务大局')).toBe('zh-Hans');
  });

  it.skipIf(!existsSync(SEED))('reads the reference dump (../shared/seed) as Simplified Chinese', () => {
    expect(detectLanguage(readFileSync(SEED, 'utf8'))).toBe('zh-Hans');
  });
});

describe('documentLanguage and partLanguage', () => {
  it('prefers the archivist’s choice, then the text, then English', () => {
    expect(documentLanguage('zh-Hant', '来到大陈村')).toBe('zh-Hant');
    expect(documentLanguage('', '来到大陈村')).toBe('zh-Hans');
    expect(documentLanguage('', '1918')).toBe('en');
  });

  it('marks only the parts that differ from their document', () => {
    expect(partLanguage('By JOHN SMITH', 'zh-Hans')).toBe('en');
    expect(partLanguage('围绕中心服务大局', 'en')).toBe('zh-Hans');
    expect(partLanguage('围绕中心服务大局', 'zh-Hans')).toBeUndefined();
    expect(partLanguage('中山大道', 'zh-Hant')).toBeUndefined(); // undecided Han inherits
    expect(partLanguage('Le Petit Journal', 'fr')).toBeUndefined(); // Latin in a French paper is French
    expect(partLanguage('1918', 'zh-Hans')).toBeUndefined();
    expect(partLanguage('東京の新聞', 'zh-Hans')).toBe('ja');
  });

  it('stores BCP 47 tags only', () => {
    for (const tag of ['', 'en', 'zh-Hans', 'zh-Hant', 'ja', 'pt-BR', 'es-419']) expect(LANGUAGE_TAG_RE.test(tag), tag).toBe(true);
    for (const tag of ['english', 'zh_Hans', 'EN', 'x"y']) expect(LANGUAGE_TAG_RE.test(tag), tag).toBe(false);
  });
});

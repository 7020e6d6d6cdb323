/**
 * Generated Chinese newspaper pages for bench:search, written straight into a
 * library as page models (raw items, cleaned blocks with offset maps) instead
 * of through PDFs: extraction and cleaning have their own benchmarks, and
 * 10,000 PDF pages would take too long on two shared cores.
 *
 * Words are drawn by frequency from ../shared/bench/zh-word-freq.txt (a
 * jieba-style "word count tag" list); without it, from the fixtures' small
 * vocabulary, which the bench says. A few Latin words (names, agencies, and
 * OCR misspellings of them) are sprinkled in so Latin queries have something to find.
 */
import { existsSync, readFileSync } from 'node:fs';
import { lowerBound } from '../core/lower-bound.ts';
import type { Block, CleanedPage, RawItem, RawPage } from '../core/page-model.ts';
import { createPrng } from '../scripts/fixtures/prng.ts';
import { ZH_WORDS } from '../scripts/fixtures/zh-text.ts';

export const LATIN_WORDS = ['Washington', 'Shanghai', 'Xinhua', 'Reuters', 'Olympic', 'Beijing', 'Hongkong', 'Singapore', 'Kuomintang', 'Geneva'];
/** OCR-style misreadings planted at a low rate: fuzzy search should find them below exact hits. */
export const LATIN_MISREAD: Record<string, string> = { Washington: 'Wasbington', Shanghai: 'Sbanghai', Reuters: 'Rcuters' };

export interface Vocabulary {
  words: string[];
  cumulative: Float64Array;
  source: string;
}

const CJK_WORD = /^[\p{Script=Han}]+$/u;

export function loadVocabulary(path: string): Vocabulary {
  if (!existsSync(path)) {
    const words = [...ZH_WORDS];
    return { words, cumulative: Float64Array.from(words, (_, i) => i + 1), source: `fixtures vocabulary (${path} is absent)` };
  }
  const words: string[] = [];
  const freqs: number[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [w, f] = line.split(' ');
    if (!w || !CJK_WORD.test(w)) continue;
    words.push(w);
    freqs.push(Number(f) || 1);
  }
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  for (let i = 0; i < words.length; i++) cumulative[i] = sum += freqs[i];
  return { words, cumulative, source: `${path} (${words.length} Chinese words)` };
}

export function drawWord(v: Vocabulary, r: number): string {
  const target = r * v.cumulative[v.cumulative.length - 1];
  // The first word whose running total reaches the target; the last word should rounding leave none.
  const n = v.cumulative.length;
  return v.words[Math.min(lowerBound(n, (i) => v.cumulative[i] < target), n - 1)];
}

const CHARS_PER_LINE = 40;
const LINE_HEIGHT = 14;
const CHAR_WIDTH = 12;

/** One page: ~50 blocks of ~165 characters (≈ 8,200 characters, like the measurements). */
export function generatePage(v: Vocabulary, seed: number, number: number): { raw: RawPage; cleaned: CleanedPage; chars: number } {
  const rand = createPrng(seed);
  const items: RawItem[] = [];
  const blocks: Block[] = [];
  let chars = 0;
  let y = 40;
  const blockCount = 46 + Math.floor(rand() * 8);
  for (let b = 0; b < blockCount; b++) {
    const target = b === 0 ? 12 : 100 + Math.floor(rand() * 130);
    let text = '';
    while (text.length < target) {
      const r = rand();
      if (r < 0.012) {
        const w = LATIN_WORDS[Math.floor(rand() * LATIN_WORDS.length)];
        text += ' ' + (rand() < 0.1 && LATIN_MISREAD[w] ? LATIN_MISREAD[w] : w) + ' ';
      } else text += drawWord(v, rand());
      if (rand() < 0.12) text += rand() < 0.75 ? '，' : '。';
    }
    if (b > 0) text += '。';
    const kind = b === 0 ? 'headline' : 'paragraph';
    const map: Block['map'] = [];
    const x0 = 40;
    const top = y;
    for (let at = 0; at < text.length; at += CHARS_PER_LINE) {
      const str = text.slice(at, at + CHARS_PER_LINE);
      const item = items.length;
      items.push({ str, font: 'g_d0_f1', size: 12, transform: [12, 0, 0, 12, x0, 2000 - y], rect: [x0, y, x0 + str.length * CHAR_WIDTH, y + LINE_HEIGHT - 2], eol: true });
      for (let k = 0; k < str.length; k++) map.push([item, k]);
      y += LINE_HEIGHT;
    }
    blocks.push({ id: `p${number}b${b}`, kind, text, rects: [[x0, top, x0 + CHARS_PER_LINE * CHAR_WIDTH, y]], map });
    chars += text.length;
    y += 6;
  }
  return { raw: { number, width: 600, height: y + 40, items, images: [] }, cleaned: { blocks, edits: [], photos: [] }, chars };
}

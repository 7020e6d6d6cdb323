/**
 * Cleaning against the generated fixture PDFs and their ground truth
 * (fixtures/pdf/*.expected.json): text accuracy, reading order, block kinds,
 * overprint removal and hyphenation, all through pdf.js as the app sees them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanPage } from '../../core/cleaning/clean-page.ts';
import { editDistance } from '../../test-support/edit-distance.ts';
import { provenanceProblems } from '../../test-support/synthetic-page.ts';
import type { BlockKind, CleanedPage, RawPage, Rect } from '../../core/page-model.ts';
import { extractAll } from './extract-pdf.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureDir = path.join(repoRoot, 'fixtures/pdf');

interface ExpectedBlock {
  kind: BlockKind;
  text: string;
  rects: Rect[];
  doubling: 'none' | 'run' | 'char';
  lines?: Array<{ text: string }>;
}
interface Expected {
  pages: Array<{ number: number; blocks: ExpectedBlock[] }>;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

function overlapArea(a: readonly Rect[], b: readonly Rect[]): number {
  let sum = 0;
  for (const r of a)
    for (const s of b) {
      const w = Math.min(r[2], s[2]) - Math.max(r[0], s[0]);
      const h = Math.min(r[3], s[3]) - Math.max(r[1], s[1]);
      if (w > 0 && h > 0) sum += w * h;
    }
  return sum;
}

/** Index of the cleaned block whose rects overlap the expected block's most (-1 when none does). */
function bestMatch(exp: ExpectedBlock, cleaned: CleanedPage): number {
  let best = -1;
  let bestArea = 0;
  cleaned.blocks.forEach((b, k) => {
    const a = overlapArea(exp.rects, b.rects);
    if (a > bestArea) {
      bestArea = a;
      best = k;
    }
  });
  return best;
}

function inversions(xs: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < xs.length; i++) for (let j = i + 1; j < xs.length; j++) if (xs[i] > xs[j]) n++;
  return n;
}

interface Case {
  file: string;
  page: RawPage;
  cleaned: CleanedPage;
  expected: ExpectedBlock[];
  match: number[];
}

const FIXTURES = ['cjk-overprint', 'cjk-scanned', 'latin-columns'];
const cases = new Map<string, Case>();

beforeAll(async () => {
  for (const name of FIXTURES) {
    const data = new Uint8Array(fs.readFileSync(path.join(fixtureDir, `${name}.pdf`)));
    const expected = (JSON.parse(fs.readFileSync(path.join(fixtureDir, `${name}.expected.json`), 'utf8')) as Expected).pages[0].blocks;
    const [page] = await extractAll(data, { pages: [1] });
    const cleaned = cleanPage(page);
    cases.set(name, { file: name, page, cleaned, expected, match: expected.map((e) => bestMatch(e, cleaned)) });
  }
});

describe.each(FIXTURES)('cleaning fixture %s against its ground truth', (name) => {
  const get = () => cases.get(name)!;

  it('keeps every raw character accounted for exactly once', () => {
    const { page, cleaned } = get();
    expect(provenanceProblems(page, cleaned)).toEqual([]);
  });

  it('reproduces the page text (≥ 99.5 % after removing whitespace)', () => {
    const { cleaned, expected } = get();
    const got = squeeze(cleaned.blocks.map((b) => b.text).join(''));
    const want = squeeze(expected.map((b) => b.text).join(''));
    const accuracy = 1 - editDistance(got, want) / want.length;
    console.log(`${name}: text accuracy ${(accuracy * 100).toFixed(2)} % (${want.length} chars expected, ${got.length} cleaned)`);
    expect(accuracy).toBeGreaterThanOrEqual(0.995);
  });

  it('reads the blocks in the expected order, one cleaned block per expected block', () => {
    const { match, cleaned, expected } = get();
    const inv = inversions(match);
    const shared = match.filter((m, k) => m >= 0 && match.indexOf(m) !== k).length;
    console.log(
      `${name}: ${expected.length} expected blocks → ${cleaned.blocks.length} cleaned; ${inv} inversions, ${shared} expected blocks sharing a cleaned block, ${match.filter((m) => m < 0).length} unmatched`,
    );
    expect(match.filter((m) => m < 0)).toEqual([]);
    expect(inv).toBe(0);
    // Strictly increasing: no two expected paragraphs merged into one block.
    expect(shared).toBe(0);
    expect(cleaned.blocks.length).toBe(expected.length);
  });

  it('gives each matched block the expected text', () => {
    const { match, cleaned, expected } = get();
    const wrong = expected
      .map((e, k) => ({ want: squeeze(e.text), got: squeeze(cleaned.blocks[match[k]]?.text ?? '') }))
      .filter((p) => p.want !== p.got);
    expect(wrong).toEqual([]);
  });

  it('types headlines, subheads, captions, bylines and paragraphs as expected', () => {
    const { match, cleaned, expected } = get();
    const kinds = expected.map((e, k) => ({ text: e.text.slice(0, 12), want: e.kind, got: cleaned.blocks[match[k]]?.kind }));
    const wrong = kinds.filter((k) => k.want !== k.got);
    const counts = (ks: Array<BlockKind | undefined>) => ks.reduce<Record<string, number>>((m, k) => ({ ...m, [String(k)]: (m[String(k)] ?? 0) + 1 }), {});
    console.log(`${name}: kinds expected ${JSON.stringify(counts(expected.map((e) => e.kind)))}, cleaned ${JSON.stringify(counts(cleaned.blocks.map((b) => b.kind)))}`);
    expect(wrong).toEqual([]);
  });
});

describe('overprint removal on the fixtures', () => {
  it('removes nothing from the OCR layer of the scanned variant', () => {
    const { cleaned } = cases.get('cjk-scanned')!;
    expect(cleaned.edits.filter((e) => e.reason === 'overprint')).toEqual([]);
  });

  it('removes exactly the second impression of every doubled run and glyph', () => {
    const { page, cleaned, expected } = cases.get('cjk-overprint')!;
    const over = cleaned.edits.filter((e) => e.reason === 'overprint');
    // Every run-doubled line is one copy item; a char-doubled line repeats each glyph separately.
    const lines = (b: ExpectedBlock) => b.lines?.map((l) => l.text) ?? [b.text];
    const runLines = expected.filter((b) => b.doubling === 'run').flatMap(lines);
    const charLines = expected.filter((b) => b.doubling === 'char').flatMap(lines);
    const visible = (s: string) => squeeze(s).length;
    const wantChars = [...runLines, ...charLines].reduce((n, l) => n + visible(l), 0);
    const removedChars = over.reduce((n, e) => n + visible(page.items[e.item].str.slice(e.start, e.end)), 0);
    const wantEdits = runLines.length + charLines.reduce((n, l) => n + visible(l), 0);
    console.log(
      `cjk-overprint: ${over.length} overprint edits (${runLines.length} run-doubled lines + ${wantEdits - runLines.length} char-doubled glyphs expected), ${removedChars} visible chars removed of ${wantChars} doubled`,
    );
    expect(removedChars).toBe(wantChars);
    expect(over.length).toBe(wantEdits);
    // The removed copy is always the later one in the stream, and never whole-page text that appears once.
    const once = cases.get('cjk-scanned')!;
    expect(squeeze(cleaned.blocks.map((b) => b.text).join(''))).toBe(squeeze(once.cleaned.blocks.map((b) => b.text).join('')));
  });
});

describe('hyphenation on the Latin fixture', () => {
  it('rejoins words split at line ends and keeps real compounds', () => {
    const { cleaned, expected, match } = cases.get('latin-columns')!;
    const hyphenations = cleaned.edits.filter((e) => e.reason === 'hyphenation').length;
    const words = (s: string) => s.split(/\s+/).filter(Boolean);
    const wantWords = expected.flatMap((b) => words(b.text));
    const gotWords = new Set(cleaned.blocks.flatMap((b) => words(b.text)));
    const missing = wantWords.filter((w) => !gotWords.has(w));
    const compounds = wantWords.filter((w) => w.includes('-')).length;
    console.log(`latin-columns: ${hyphenations} hyphenations rejoined, ${compounds} compounds kept, ${missing.length} expected words missing`);
    expect(hyphenations).toBeGreaterThan(0);
    expect(missing).toEqual([]);
    // Word spacing too: each block reads exactly as expected.
    expected.forEach((e, k) => expect(cleaned.blocks[match[k]]?.text).toBe(e.text));
  });
});

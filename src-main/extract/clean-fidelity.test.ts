/**
 * Exact cleaned text on the fidelity fixtures (scripts/fixtures/fidelity-pdf.ts,
 * `npm run fixtures`), through pdf.js as the app sees them: every block's kind
 * and text, whitespace and heading line breaks included, in reading order.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanPage } from '../../core/cleaning/clean-page.ts';
import { provenanceProblems } from '../../test-support/synthetic-page.ts';
import type { FidelityExpected } from '../../scripts/fixtures/fidelity-pdf.ts';
import { extractAll } from './extract-pdf.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureDir = path.join(repoRoot, 'fixtures/pdf');

async function cleaned(name: string) {
  const [page] = await extractAll(new Uint8Array(fs.readFileSync(path.join(fixtureDir, `${name}.pdf`))));
  const expected = JSON.parse(fs.readFileSync(path.join(fixtureDir, `${name}.expected.json`), 'utf8')) as FidelityExpected;
  return { page, result: cleanPage(page), expected };
}

describe('fidelity fixture cjk-mixed-fonts (digits and Latin in another font inside overprinted runs)', () => {
  it('reads every block exactly, with the heading lines kept and no stray copies or spaces', async () => {
    const { page, result, expected } = await cleaned('cjk-mixed-fonts');
    expect(result.blocks.map((b) => [b.kind, b.text])).toEqual(expected.blocks.map((b) => [b.kind, b.text]));
    expect(provenanceProblems(page, result)).toEqual([]);
    // Every doubled run is removed once per copy, whatever the font changes.
    expect(result.edits.filter((e) => e.reason === 'overprint').length).toBeGreaterThan(0);
    // "\n" between heading lines is inserted, mapped [-1, -1].
    const head = result.blocks[0];
    expect(head.map[head.text.indexOf('\n')]).toEqual([-1, -1]);
  });
});

describe('fidelity fixture latin-typography (quotes, dashes, a photo and column breaks)', () => {
  it('reads every block exactly: spaces beside “ ” ‘ ’ — – „ kept, the story whole around the photo and across columns', async () => {
    const { page, result, expected } = await cleaned('latin-typography');
    expect(result.blocks.map((b) => [b.kind, b.text])).toEqual(expected.blocks.map((b) => [b.kind, b.text]));
    expect(provenanceProblems(page, result)).toEqual([]);
    const text = result.blocks.map((b) => b.text).join('\n');
    expect(text).toContain('wrote that “the war is over.” The people — tired');
    // A hyphen at the end of a column continues in the next; the OCR mark "¬" always rejoins.
    expect(text).toContain('letzten Augenblicke der');
    expect(text).toContain('den Fenstern des');
    // The English story reads in three pieces: above the photo, below it, and the next column.
    expect(result.blocks[1].rects.length).toBe(3);
  });
});

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExtractJson } from '../../core/page-model.ts';
import { extractCommand, siblingAlto } from './extract-command.ts';

const SAMPLE = join(import.meta.dirname, '..', '..', 'assets', 'sample', 'evening-star-1918-09-01-p1.pdf');

async function extract(file: string): Promise<ExtractJson> {
  let out = '';
  await extractCommand(file, true, (s) => (out += s));
  return JSON.parse(out) as ExtractJson;
}

describe('extract with an ALTO file beside the scan', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'broadsheet-alto-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes the photos the ALTO file marks instead of looking for text-free regions', async () => {
    const pdf = join(dir, 'star.pdf');
    copyFileSync(SAMPLE, pdf);
    expect(siblingAlto(pdf)).toBeNull();
    const plain = await extract(pdf);
    expect(plain.pages[0].photos.map((p) => p.rect.map(Math.round))).toEqual([[329, 147, 794, 552]]);

    // An illustration in the page's top-right box (the "Member of the Associated Press" notice), 1/1200 inch.
    writeFileSync(
      join(dir, 'star.alto.xml'),
      '<alto><Layout><Page ID="P1" WIDTH="21188" HEIGHT="27768"><PrintSpace><Illustration ID="I1" HPOS="17300" VPOS="300" WIDTH="3600" HEIGHT="1700"/><GraphicalElement ID="G1" HPOS="136" VPOS="2500" WIDTH="20000" HEIGHT="10"/></PrintSpace></Page></Layout></alto>',
    );
    expect(siblingAlto(pdf)).toBe(join(dir, 'star.alto.xml'));
    const withAlto = await extract(pdf);
    expect(withAlto.pages[0].photos.map((p) => p.rect)).toEqual([[1038.2, 18, 1254.24, 120]]);
  }, 180_000);
});

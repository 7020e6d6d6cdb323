import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block } from '../page-model.ts';
import { correctBlock } from './correct-block.ts';
import { correctionProblem } from './correction-text.ts';

// A headline printed on two lines, as the fixture generator sets it and cleaning keeps it ("\n" between the lines,
// as on the 1918 Evening Star's "The Star will be issued" / "tomorrow at 1 O'CLOCK.").
const expected = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'pdf', 'latin-typography.expected.json'), 'utf8')) as {
  blocks: Array<{ kind: string; text: string }>;
};
const text = expected.blocks.find((b) => b.kind === 'headline')!.text;
const heading: Block = {
  id: 'p1b0',
  kind: 'headline',
  text,
  rects: [],
  map: [...text].map((c, i) => (c === '\n' ? [-1, -1] : [0, i]) as [number, number]),
};

describe('what a correction may be', () => {
  it("a multi-line heading saved as it is is no change, and its printed line break is not one either way", () => {
    expect(correctionProblem(heading.text, heading.text)).toBe('the text is unchanged');
    expect(correctBlock(heading, heading.text)).toBe(heading);
  });

  it("an edit that keeps the heading's line break is a correction, its break kept where it was printed", () => {
    expect(heading.text).toBe('Peace Talk Fills the City\nas Crowds Sing in the Streets');
    const fixed = 'Peace Talk Fills the City\nas Crowds Sang in the Streets';
    expect(correctionProblem(heading.text, fixed)).toBeNull();
    const block = correctBlock(heading, fixed);
    expect(block.text).toBe('Peace Talk Fills the City\nas Crowds Sang in the Streets');
    // The printed line break (no box) is kept as it was; only the typed "a" is new.
    expect(block.map.slice(24, 27)).toEqual([[0, 24], [-1, -1], [0, 26]]);
    expect(block.map.slice(36, 39)).toEqual([[0, 36], [-1, -1], [0, 38]]);
  });

  it('refuses what would read as another block: blank lines, breaks at the ends, carriage returns', () => {
    const blank = 'a block is one paragraph: no blank lines, and none at its start or end (the page text joins blocks with them)';
    expect(correctionProblem(heading.text, 'The Star\n\ntomorrow')).toBe(blank);
    expect(correctionProblem(heading.text, 'The Star\n \ntomorrow')).toBe(blank);
    expect(correctionProblem(heading.text, '\nThe Star')).toBe(blank);
    expect(correctionProblem(heading.text, 'The Star\n')).toBe(blank);
    expect(correctionProblem(heading.text, 'The Star\r\ntomorrow')).toBe('a block holds no carriage returns (line breaks are "\\n")');
  });
});

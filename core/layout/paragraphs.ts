/**
 * Paragraph breaks inside a column block: an indented line starts one
 * (Chinese indents two characters, Latin about one em), and a line that stops
 * well short of the measure after sentence-final punctuation ends one.
 */
import { endsSentence } from '../cleaning/script.ts';
import type { Glyphs } from './glyphs.ts';
import type { LineBlock } from './blocks.ts';
import { baselineOf, type Line } from './lines.ts';
import { median, medianBy } from './median.ts';

const lineX0 = (l: Line) => l.x0;
const lineX1 = (l: Line) => l.x1;

/** Width of one character in the line's script: CJK is square, Latin averages half an em. */
export function charWidth(g: Glyphs, line: Line): number {
  let cjk = 0;
  for (const s of line.segs) for (const i of s.glyphs) cjk += g.cjk[i];
  return cjk * 2 >= line.chars ? line.size : 0.5 * line.size;
}

export interface Measure {
  left: number;
  right: number;
}

/** The block's typical left and right edges (robust to one indented or short line). */
export function measureOf(block: LineBlock): Measure {
  if (block.lines.length < 3) return { left: block.x0, right: block.x1 };
  return { left: medianBy(block.lines, lineX0), right: medianBy(block.lines, lineX1) };
}

export function isIndented(g: Glyphs, line: Line, m: Measure): boolean {
  return line.x0 - m.left >= 1.5 * charWidth(g, line);
}

/** The line stops well short of the measure (two CJK characters, three Latin). */
export function stopsShort(g: Glyphs, line: Line, m: Measure): boolean {
  const cw = charWidth(g, line);
  return m.right - line.x1 >= (cw === line.size ? 2 : 3) * cw;
}

export function endsShort(g: Glyphs, line: Line, m: Measure, lineText: string): boolean {
  return stopsShort(g, line, m) && endsSentence(lineText);
}

/** Line pitch (baseline to baseline) this much above the block's median marks extra paragraph spacing. */
const PARAGRAPH_SPACING_RATIO = 1.3;

/** Pitches on each side of a line that make its local leading. */
const PITCH_WINDOW = 4;

/**
 * Typical baseline-to-baseline distance around each line (NaN with fewer
 * than three lines): local, because one block can hold a lead set in large
 * type above body text with two-thirds its leading, and the block's overall
 * median would make every line of the lead look spaced apart.
 */
function localPitches(block: LineBlock): number[] {
  const n = block.lines.length;
  const out = new Array<number>(n).fill(NaN);
  if (n < 3) return out;
  const pitches: number[] = [NaN];
  for (let k = 1; k < n; k++) pitches.push(baselineOf(block.lines[k]) - baselineOf(block.lines[k - 1]));
  for (let k = 1; k < n; k++) {
    const near: number[] = [];
    for (let j = Math.max(1, k - PITCH_WINDOW); j <= Math.min(n - 1, k + PITCH_WINDOW); j++) if (j !== k) near.push(pitches[j]);
    if (near.length >= 2) out[k] = median(near);
  }
  return out;
}

/**
 * Extra space before a line: unindented Latin paragraphs are often set apart
 * only by it, and then a full last line leaves no other trace.
 */
export function spacedApart(prev: Line, line: Line, pitch: number, next?: Line): boolean {
  const d = baselineOf(line) - baselineOf(prev);
  if (!(d > PARAGRAPH_SPACING_RATIO * pitch && d - pitch > 0.3 * Math.min(prev.size, line.size))) return false;
  // Real extra space also parts the line before from the line after; when
  // those two are two leadings apart, it is the line's own baseline that is
  // off (an OCR box reaching far below its type: core/layout/slot-lines.ts).
  return !next || baselineOf(next) - baselineOf(prev) > 2 * pitch + 0.3 * Math.min(prev.size, line.size);
}

/** Splits a block's lines into paragraphs. `lineText(k)` gives the text of line k. */
export function splitParagraphs(g: Glyphs, block: LineBlock, lineText: (line: Line) => string): Line[][] {
  const m = measureOf(block);
  const pitch = localPitches(block);
  const out: Line[][] = [];
  let cur: Line[] = [];
  block.lines.forEach((line, k) => {
    if (k > 0) {
      const prev = block.lines[k - 1];
      if (isIndented(g, line, m) || (stopsShort(g, prev, m) && endsSentence(lineText(prev))) || spacedApart(prev, line, pitch[k], block.lines[k + 1])) {
        out.push(cur);
        cur = [];
      }
    }
    cur.push(line);
  });
  if (cur.length) out.push(cur);
  return out;
}

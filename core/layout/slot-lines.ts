/**
 * Body lines the OCR boxed too tall: a smudged or heavily inked line of a
 * scanned column comes out as words with boxes twice their type's height
 * ("wduv L\^>ut 2§ 5i«h' clSy?e<l ln" for "vidual about six feet high,
 * clothed in solemn"), so by size it leaves its paragraph and reads as a
 * headline wedged between the two halves of the paragraph.
 *
 * Type cannot be taller than the room the column gives it: when the
 * paragraph above and the one below share a measure and a size and the
 * baseline distance between them is a whole number of their leadings, each
 * missing leading is a slot for one line, and lines that sit in those slots
 * and nowhere else are body lines of that paragraph whatever their boxes say.
 * A real heading set in larger type needs more room than the body's leading,
 * so it never fits a slot (a 14 pt head in 9 pt body on a 10 pt pitch takes
 * at least 2.5 leadings where one line takes 2).
 */
import { baselineOf, type Line } from './lines.ts';
import type { LineBlock } from './blocks.ts';
import { median, medianBy } from './median.ts';

const lineSize = (l: Line) => l.size;

/** Blocks of at most this many lines may be slot lines. */
const MAX_SLOT_LINES = 3;
/** How far from a whole number of leadings the host's gap may be, in leadings. */
const SLOT_TOLERANCE = 0.3;
/** Sizes of the two halves of a broken column may differ by this ratio. */
const SIZE_RATIO = 1.2;

function centre(l: Line): number {
  return (l.top + l.bottom) / 2;
}

interface Host {
  block: LineBlock;
  bases: number[];
  centres: number[];
  /** Median baseline pitch. */
  lead: number;
  /** Median of its lines' sizes (a tolerance, not a measurement). */
  em: number;
  /** Small blocks overlapping its box (found when first asked). */
  near?: LineBlock[];
}

function hostOf(b: LineBlock): Host {
  const bases = b.lines.map(baselineOf);
  const pitches: number[] = [];
  for (let k = 1; k < bases.length; k++) pitches.push(bases[k] - bases[k - 1]);
  return { block: b, bases, centres: b.lines.map(centre), lead: median(pitches), em: medianBy(b.lines, lineSize) };
}

/** `b` lies within the host's measure, between its first and last baselines. */
function inside(h: Host, b: LineBlock, from: number, to: number): boolean {
  const a = h.block;
  return b.x0 >= a.x0 - h.em && b.x1 <= a.x1 + h.em && b.lines.every((l) => centre(l) > from && centre(l) < to);
}

/**
 * Each column that a run of small blocks interrupts takes their lines when,
 * between its lines around them, there are exactly as many missing leadings
 * as interrupting lines. The column is one block that the interruption did
 * not break (OCR boxes of its lines overlap) or the two blocks it broke into.
 * The interrupting lines go where their boxes' centres put them among the
 * column's lines (a tall box reaches up or down, but its centre stays within
 * half a line of its slot). Returns the blocks left, in their original order.
 */
export function fillSlots(blocks: readonly LineBlock[]): LineBlock[] {
  const candidates = blocks.filter((b) => b.lines.length >= 2);
  const hosts = new Map<LineBlock, Host>();
  const small = blocks.filter((b) => b.lines.length <= MAX_SLOT_LINES);
  const gone = new Set<LineBlock>();
  const ctx: Context = { blocks, small, gone };
  for (const b of small) {
    if (gone.has(b)) continue;
    let lo = Infinity;
    let hi = -Infinity;
    for (const l of b.lines) {
      lo = Math.min(lo, centre(l));
      hi = Math.max(hi, centre(l));
    }
    let done = false;
    // One column block around the interruption. (Indexed loops: this pair of loops runs once a page, over
    // every (small block, column block) pair, mostly before V8 optimizes it, and for-of made an iterator
    // result per step there.)
    for (let ci = 0; ci < candidates.length; ci++) {
      const a = candidates[ci];
      if (a.lines.length < 3 || a.top > lo || a.bottom < hi || a.x0 > b.x1 || a.x1 < b.x0 || a === b || gone.has(a)) continue;
      let h = hosts.get(a);
      if (!h) hosts.set(a, (h = hostOf(a)));
      if ((done = fill(ctx, h, b, lo, hi))) break;
    }
    if (done) continue;
    // The two halves it broke the column into: the nearest block above and below it that overlap it.
    let above: LineBlock | null = null;
    let below: LineBlock | null = null;
    for (let ci = 0; ci < candidates.length; ci++) {
      const a = candidates[ci];
      // The set last: asked of every (small block, column block) pair, while few of them overlap at all.
      if (a === b || a.x0 > b.x1 || a.x1 < b.x0 || gone.has(a)) continue;
      if (baselineOf(a.lines[a.lines.length - 1]) < lo && (!above || a.bottom > above.bottom)) above = a;
      if (baselineOf(a.lines[0]) > hi && (!below || a.top < below.top)) below = a;
    }
    if (!above || !below || !halves(hostOf(above), hostOf(below))) continue;
    const lines = [...above.lines, ...below.lines];
    const joined: LineBlock = {
      lines,
      x0: Math.min(above.x0, below.x0),
      x1: Math.max(above.x1, below.x1),
      top: above.top,
      bottom: below.bottom,
    };
    const h = hostOf(joined);
    // Both halves' lines are the column's: only the interruption may fill the gap.
    const own = new Set([above, below]);
    if (fill({ ...ctx, own }, h, b, lo, hi)) {
      above.lines = joined.lines;
      above.x0 = joined.x0;
      above.x1 = joined.x1;
      above.bottom = Math.max(above.bottom, below.bottom);
      gone.add(below);
      hosts.delete(above);
    }
  }
  return blocks.filter((b) => !gone.has(b));
}

/** Two blocks are halves of one column: same left edge and measure, same type and leading. */
function halves(a: Host, c: Host): boolean {
  const em = Math.max(a.em, c.em);
  if (Math.abs(a.block.x0 - c.block.x0) > 1.5 * em || Math.abs(a.block.x1 - c.block.x1) > 3 * em) return false;
  if (Math.max(a.em, c.em) / Math.min(a.em, c.em) > SIZE_RATIO) return false;
  return a.lead > 0 && c.lead > 0 && Math.abs(a.lead - c.lead) <= 0.15 * Math.max(a.lead, c.lead);
}

interface Context {
  blocks: readonly LineBlock[];
  small: readonly LineBlock[];
  gone: Set<LineBlock>;
  /** Blocks that are the host's own lines (the two halves of a broken column), left out of `blocks`. */
  own?: ReadonlySet<LineBlock>;
}

/** Fills the slots of `h` around small block `b` (line centres lo..hi); whether it did. */
function fill({ blocks, small, gone, own }: Context, h: Host, b: LineBlock, lo: number, hi: number): boolean {
  const a = h.block;
  if (!(h.lead > 0)) return false;
  if (!(h.bases[0] < lo && h.bases[h.bases.length - 1] > hi) || !inside(h, b, h.bases[0], h.bases[h.bases.length - 1])) return false;
  // The host lines around the interruption: the last whose baseline is above
  // it, and the first below it or the one after (a box that reaches up puts
  // its centre above the host line it is printed under).
  let i = 0;
  while (i + 1 < h.bases.length && h.bases[i + 1] < lo) i++;
  let j0 = i + 1;
  while (j0 < h.bases.length && h.bases[j0] <= hi) j0++;
  for (let j = j0; j <= j0 + 1 && j < h.bases.length; j++) {
    const from = h.bases[i];
    const to = h.bases[j];
    h.near ??= small.filter((s) => s !== a && s.x0 < a.x1 && s.x1 > a.x0 && s.top < a.bottom && s.bottom > a.top);
    const group = h.near.filter((s) => !gone.has(s) && inside(h, s, from, to));
    const lines = group.reduce((n, s) => n + s.lines.length, 0) + (j - i - 1);
    const leads = (to - from) / h.lead;
    if (Math.round(leads) - 1 !== lines || Math.abs(leads - Math.round(leads)) > SLOT_TOLERANCE) continue;
    // Nothing else may sit across the host's measure there (a picture's caption, a neighbour column's line).
    const others = blocks.some(
      (o) =>
        o.x1 > a.x0 + h.em &&
        o.x0 < a.x1 - h.em &&
        o.bottom > from &&
        o.top < to &&
        o !== a &&
        !group.includes(o) &&
        !gone.has(o) &&
        !own?.has(o) &&
        o.lines.some((l) => centre(l) > from && centre(l) < to),
    );
    if (others) continue;
    insertLines(h, group.flatMap((s) => s.lines));
    for (const s of group) {
      gone.add(s);
      a.x0 = Math.min(a.x0, s.x0);
      a.x1 = Math.max(a.x1, s.x1);
    }
    return true;
  }
  return false;
}

/** Inserts lines among the host's by their centres; the host's baselines and centres follow. */
function insertLines(h: Host, lines: Line[]): void {
  for (const l of [...lines].sort((p, q) => centre(p) - centre(q))) {
    const c = centre(l);
    let k = 0;
    while (k < h.centres.length && h.centres[k] < c) k++;
    h.block.lines.splice(k, 0, l);
    h.centres.splice(k, 0, c);
    // A slot line's own baseline is not to be trusted: it stands between its neighbours'.
    h.bases.splice(k, 0, k > 0 ? h.bases[k - 1] : baselineOf(l));
  }
}

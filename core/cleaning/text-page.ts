/**
 * Cleaning of a raw `.txt` dump (no geometry): one RawItem per dump line,
 * overprint removed by text alone (text-dedupe.ts), lines grouped into blocks.
 *
 * Block heuristics, in order (documented because they are guesses from text):
 * - 'other': a line without any letter or digit (a stray decorative quote "“").
 * - 'byline': starts with a box/reporter marker ("□记者 潘燕佳", "本报记者", "通讯员").
 * - 'subhead': a line starting with a dash ("——市总工会五年工作精彩回眸"), the subtitle;
 *   the punctuation-free line right before it is the 'headline'.
 * - 'headline': also a letter-spaced banner ("热 烈 祝 贺 …！") drawn once.
 * - 'subhead': on an overprinted page, a short, undoubled, punctuation-free line is a
 *   section head; consecutive ones pair up ("围绕中心服务大局" + "发挥工人阶级力量").
 * - 'caption': two or more consecutive punctuation-free lines of which one holds several
 *   phrases (runs, or stretches split by a gap): captions placed side by side under photos
 *   that the extractor merged into one line. Each phrase is a caption; a line holding a
 *   single phrase followed by a multi-phrase line is the wrapped first line of the next
 *   line's first caption.
 * - 'paragraph' otherwise. A paragraph ends after a line that ends a sentence and is
 *   shorter than the typical line nearby, or is followed by an indented (shorter) line.
 *   Justified (letter-spaced) lines are full by definition.
 */
import type { Block, BlockKind, CharSource, CleanedPage, Edit, RawItem, RawPage, Rect } from '../page-model.ts';
import { dedupeLine, type DedupedLine } from './text-dedupe.ts';
import { BYLINE, CLAUSE_PUNCT as PUNCT, cjkForSpacing, endsSentence, insertsSpace, isSpace, isWide } from './script.ts';

export function textDumpToRawPage(text: string, pageNumber = 1): RawPage {
  const items: RawItem[] = [];
  for (const raw of text.split('\n')) {
    const str = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // Blank lines carry no meaning in a dump; whitespace-only lines neither.
    if (str.trim() === '') continue;
    items.push({ str, font: '', size: 0, transform: [1, 0, 0, 1, 0, 0], rect: [0, 0, 0, 0], eol: true });
  }
  return { number: pageNumber, width: 0, height: 0, items, images: [] };
}

const SUBTITLE = /^[—–]{1,3}[^—–\s]/;
/** Share of overprinted characters above which the page counts as overprinted. */
const DOUBLED_PAGE_SHARE = 0.5;
/** Longest section head, in character widths. */
const MAX_HEAD_WIDTH = 24;
/** How much shorter than the typical line a line must be to count as short (ragged end, indent). */
const SHORT_MARGIN = 1.0;
const TYPICAL_WINDOW = 6;

interface Line {
  item: number;
  d: DedupedLine;
  kind?: BlockKind;
}

/** Visual width in ideographic cells: full-width = 1, half-width digits and Latin = 0.5, spaces ignored. */
export function lineWidth(text: string): number {
  let w = 0;
  for (const ch of text) if (!isSpace(ch)) w += isWide(ch) ? 1 : 0.5;
  return w;
}

export function cleanTextPage(page: RawPage): CleanedPage {
  const first = page.items.map((it) => dedupeLine(it.str));
  let over = 0;
  let total = 0;
  for (const d of first) {
    over += d.overprintChars;
    total += d.nonSpaceChars;
  }
  const pageDoubled = total > 0 && over / total > DOUBLED_PAGE_SHARE;
  // The page hint only changes lines whose doubled runs were all judged real reduplication.
  const needsHint = (d: DedupedLine) => d.segments.some((g) => g.kind === 'doubled' && g.resolution === 'reduplication');
  const lines: Line[] = page.items.map((it, item) => ({
    item,
    d: pageDoubled && needsHint(first[item]) ? dedupeLine(it.str, { pageDoubled }) : first[item],
  }));

  classify(lines, pageDoubled);

  const blocks: Block[] = [];
  /** `joiner` gives what goes between two parts: nothing, a space, or a line break (each mapped [-1, -1]). */
  const emit = (kind: BlockKind, parts: CharSource[][], joiner: (a: CharSource[], b: CharSource[]) => string) => {
    const map: CharSource[] = [];
    let text = '';
    parts.forEach((p, k) => {
      const sep = k > 0 ? joiner(parts[k - 1], p) : '';
      if (sep) {
        map.push([-1, -1]);
        text += sep;
      }
      for (const src of p) {
        map.push(src);
        text += page.items[src[0]].str[src[1]];
      }
    });
    blocks.push({ id: `p${page.number}b${blocks.length}`, kind, text, rects: [], map });
  };
  const lineSources = (l: Line): CharSource[] => l.d.source.map((c) => [l.item, c]);
  /**
   * A heading's printed lines within one dump line: a typesetter draws each
   * printed line as its own doubled run, so a phrase gap between two
   * overprinted runs is where the line broke ("砥砺奋进五载路 改革创新敢担当
   * 勇立潮头写辉煌"). The gap's space then goes as whitespace; an undoubled
   * heading's gap stays a space.
   */
  const headingLines = (l: Line): CharSource[][] => {
    const { d } = l;
    const pieceAt = (c: number) => d.pieces.find((p) => c >= p.start && c < p.end);
    const out: CharSource[][] = [];
    let cur: CharSource[] = [];
    for (let k = 0; k < d.source.length; k++) {
      const c = d.source[k];
      if (isSpace(d.text[k]) && k > 0 && k + 1 < d.source.length) {
        const before = pieceAt(d.source[k - 1]);
        const after = pieceAt(d.source[k + 1]);
        if (before?.overprint && after?.overprint && before !== after) {
          out.push(cur);
          cur = [];
          continue;
        }
      }
      cur.push([l.item, c]);
    }
    out.push(cur);
    return out.filter((p) => p.length > 0);
  };
  // Lines of a dump join with a space only where the spacing policy inserts one (script.ts).
  const latinJoin = (a: CharSource[], b: CharSource[]) => {
    const x = charAt(page, a[a.length - 1]);
    const y = charAt(page, b[0]);
    if (x === undefined || y === undefined || isSpace(x) || isSpace(y)) return '';
    const left = a.map((src) => charAt(page, src) ?? '');
    const right = b.map((src) => charAt(page, src) ?? '');
    return insertsSpace(cjkForSpacing(left, left.length - 1, -1), cjkForSpacing(right, 0, 1)) ? ' ' : '';
  };
  // Heading lines keep their breaks, as in the PDF pipeline.
  const lineBreak = () => '\n';

  const paraBreaks = paragraphBreaks(lines);
  for (let i = 0; i < lines.length; ) {
    const l = lines[i];
    const kind = l.kind as BlockKind;
    let j = i + 1;
    if (kind === 'paragraph') {
      while (j < lines.length && lines[j].kind === 'paragraph' && !paraBreaks.has(j - 1)) j++;
      emit('paragraph', lines.slice(i, j).map(lineSources), latinJoin);
    } else if (kind === 'subhead' && !SUBTITLE.test(l.d.text)) {
      // Section heads come in pairs of lines.
      if (j < lines.length && lines[j].kind === 'subhead' && !SUBTITLE.test(lines[j].d.text)) j++;
      emit('subhead', lines.slice(i, j).flatMap(headingLines), lineBreak);
    } else if (kind === 'caption') {
      while (j < lines.length && lines[j].kind === 'caption') j++;
      for (const cap of captionsOf(lines.slice(i, j))) emit('caption', [cap], latinJoin);
    } else if (kind === 'headline' || kind === 'subhead') {
      emit(kind, headingLines(l), lineBreak);
    } else {
      emit(kind, [lineSources(l)], latinJoin);
    }
    i = j;
  }

  // A dump keeps the captions of its photos but not the pictures: each caption stands for one, placed nowhere.
  const photos = blocks.filter((b) => b.kind === 'caption').map((b, k) => ({ id: `p${page.number}i${k}`, rect: [0, 0, 0, 0] as Rect, caption: b.id, links: [] }));
  return { blocks, edits: collectEdits(page, lines, blocks), photos, layout: 'text' };
}

function charAt(page: RawPage, src: CharSource | undefined): string | undefined {
  if (!src || src[0] < 0) return undefined;
  return page.items[src[0]].str[src[1]];
}

function classify(lines: Line[], pageDoubled: boolean): void {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const t = l.d.text.trim();
    const undoubled = l.d.overprintChars === 0;
    if (!/[\p{L}\p{N}]/u.test(t)) l.kind = 'other';
    else if (BYLINE.test(t)) l.kind = 'byline';
    else if (SUBTITLE.test(t) && !PUNCT.test(t)) {
      l.kind = 'subhead';
      const prev = lines[i - 1];
      if (prev && (prev.kind === 'paragraph' || prev.kind === 'subhead') && !PUNCT.test(prev.d.text) && !SUBTITLE.test(prev.d.text)) {
        prev.kind = 'headline';
      }
    } else if (undoubled && l.d.letterSpaced && !/[，。、；：]/.test(t)) l.kind = 'headline';
    else if (pageDoubled && undoubled && !PUNCT.test(t) && lineWidth(t) <= MAX_HEAD_WIDTH) l.kind = 'subhead';
    else l.kind = 'paragraph';
  }
  // Caption clusters among the remaining lines.
  for (let i = 0; i < lines.length; ) {
    if (lines[i].kind !== 'paragraph' || PUNCT.test(lines[i].d.text)) {
      i++;
      continue;
    }
    let j = i;
    while (j < lines.length && lines[j].kind === 'paragraph' && !PUNCT.test(lines[j].d.text)) j++;
    const group = lines.slice(i, j);
    if (group.length >= 2 && group.some((l) => phrasesOf(l).length >= 2)) for (const l of group) l.kind = 'caption';
    i = j;
  }
}

/**
 * The phrases of a line: kept non-space text split at gaps and at run
 * boundaries (each overprinted run was one text item, i.e. one caption).
 */
function phrasesOf(l: Line): CharSource[][] {
  const { d } = l;
  const text = l.d.text;
  const out: CharSource[][] = [];
  let cur: CharSource[] = [];
  let curPiece = -1;
  for (let k = 0; k < d.source.length; k++) {
    const c = d.source[k];
    if (isSpace(text[k])) {
      if (cur.length) out.push(cur);
      cur = [];
      continue;
    }
    const piece = d.pieces.findIndex((p) => c >= p.start && c < p.end);
    if (piece !== curPiece && cur.length) {
      out.push(cur);
      cur = [];
    }
    curPiece = piece;
    cur.push([l.item, c]);
  }
  if (cur.length) out.push(cur);
  return out;
}

function captionsOf(group: Line[]): CharSource[][] {
  const caps: CharSource[][] = [];
  let carry: CharSource[] | undefined;
  group.forEach((l, k) => {
    const ph = phrasesOf(l);
    if (carry && ph.length) ph[0] = carry.concat(ph[0]);
    else if (carry) caps.push(carry);
    carry = undefined;
    const next = group[k + 1];
    if (ph.length === 1 && next && phrasesOf(next).length >= 2) carry = ph[0];
    else caps.push(...ph);
  });
  if (carry) caps.push(carry);
  return caps;
}

/** Indexes i such that a paragraph ends after lines[i]. */
function paragraphBreaks(lines: Line[]): Set<number> {
  const para = lines.map((l, i) => (l.kind === 'paragraph' ? i : -1)).filter((i) => i >= 0);
  const width = new Map<number, number>();
  for (const i of para) width.set(i, lineWidth(lines[i].d.text));
  const typical = new Map<number, number>();
  para.forEach((i, k) => {
    const near = para
      .slice(Math.max(0, k - TYPICAL_WINDOW), k + TYPICAL_WINDOW + 1)
      .filter((x) => !lines[x].d.letterSpaced)
      .map((x) => width.get(x) as number)
      .sort((a, b) => a - b);
    typical.set(i, near.length ? near[near.length >> 1] : 0);
  });
  const short = (i: number) =>
    lines[i]?.kind === 'paragraph' && !lines[i].d.letterSpaced && (width.get(i) as number) <= (typical.get(i) as number) - SHORT_MARGIN;
  const breaks = new Set<number>();
  for (const i of para) {
    if (!endsSentence(lines[i].d.text)) continue;
    if (short(i) || short(i + 1)) breaks.add(i);
  }
  return breaks;
}

/**
 * The page's edits: what dedupe removed, plus kept gaps that no block emits
 * (the gap between two captions on one line). Together with the block maps
 * they cover every character of every item exactly once.
 */
function collectEdits(page: RawPage, lines: Line[], blocks: Block[]): Edit[] {
  const emitted = page.items.map((it) => new Uint8Array(it.str.length));
  for (const b of blocks) for (const [item, ch] of b.map) if (item >= 0) emitted[item][ch] = 1;
  const edits: Edit[] = [];
  for (const l of lines) {
    const own: Edit[] = l.d.removed.map((r) => ({ reason: r.reason, item: l.item, start: r.start, end: r.end }));
    const seen = emitted[l.item];
    for (const [a, b] of l.d.kept) {
      for (let c = a; c < b; ) {
        if (seen[c]) {
          c++;
          continue;
        }
        let e = c;
        while (e < b && !seen[e]) e++;
        own.push({ reason: 'whitespace', item: l.item, start: c, end: e });
        c = e;
      }
    }
    own.sort((x, y) => x.start - y.start);
    edits.push(...own);
  }
  return edits;
}

/**
 * Links each photo to the paragraphs it illustrates. The caption says which
 * story a photo belongs to, though the photo is often placed away from that
 * story, even on another page; so the caption is a search query over every
 * paragraph of the document (an inverted index of the search tokens: CJK
 * character pairs, Latin words), and layout proximity only breaks near-ties.
 * MiniSearch was the first index here; building its radix tree for a long
 * document cost more than the rest of the linking, and the linker reads only
 * which paragraphs hold which terms.
 *
 * Decoys: a caption and an unrelated paragraph often share a company or place
 * name. The text score is the share of the caption's information the
 * paragraph holds (each shared term weighted by its rarity in the document),
 * so a shared name alone covers only part of the caption, and a link needs
 * several shared terms unless it is the only candidate.
 */
import type { Block, Photo, PhotoLink, Rect } from '../page-model.ts';
import { fold } from '../search/fold.ts';
import { forEachToken } from '../search/tokenize.ts';
import { lowerBound } from '../lower-bound.ts';

export interface LinkPage {
  number: number;
  width: number;
  height: number;
  blocks: ReadonlyArray<Pick<Block, 'id' | 'kind' | 'text' | 'rects'>>;
  photos: readonly Photo[];
}

/** Weight of caption similarity against layout proximity. */
const TEXT_WEIGHT = 0.85;
/** Links below this score are dropped (the best one is always kept). */
export const LINK_THRESHOLD = 0.55;
/** ...and so are links much weaker than the best one. */
const RELATIVE_THRESHOLD = 0.8;
/** A link other than the best needs at least this many distinct shared terms. */
const MIN_SHARED = 3;
/** Candidates the index hands over for scoring, per photo. */
const CANDIDATES = 60;

function terms(text: string): Set<string> {
  const out = new Set<string>();
  forEachToken(fold(text), (term) => out.add(term));
  return out;
}

/**
 * A paragraph's tokens as three parallel arrays (term number, start, end):
 * about 12 bytes a token where an object each cost ~60, which made the
 * candidates' tokens most of a linking window's memory.
 */
interface Tokens {
  term: Int32Array;
  start: Int32Array;
  end: Int32Array;
  length: number;
}

function packTokens(folded: string, termNumber: ReadonlyMap<string, number>): Tokens {
  let length = 0;
  forEachToken(folded, () => length++);
  const out: Tokens = { term: new Int32Array(length), start: new Int32Array(length), end: new Int32Array(length), length };
  let k = 0;
  forEachToken(folded, (term, start, end) => {
    out.term[k] = termNumber.get(term) ?? -1;
    out.start[k] = start;
    out.end[k++] = end;
  });
  return out;
}

/** Shares of the text score: the best window, the whole paragraph, and the heading of its story. */
const WINDOW_WEIGHT = 0.6;
const WHOLE_WEIGHT = 0.25;
const HEADING_WEIGHT = 0.15;
/** A window spans this many times the caption's length (folded characters), plus a little. */
const WINDOW_SPAN = 2.5;

/**
 * Weighted share of the caption's terms found close together in the
 * paragraph: the story echoes its caption in one sentence, while a decoy or
 * an unrelated paragraph meets the same words scattered over its length.
 * Two pointers over the paragraph's tokens, the window at most `span`
 * characters wide.
 */
function windowCoverage(tokens: Tokens, weight: ReadonlyMap<number, number>, span: number): number {
  const inWindow = new Map<number, number>();
  let covered = 0;
  let best = 0;
  let i = 0;
  for (let j = 0; j < tokens.length; j++) {
    const t = tokens.term[j];
    const w = weight.get(t);
    if (w === undefined) continue;
    const n = inWindow.get(t) ?? 0;
    if (n === 0) covered += w;
    inWindow.set(t, n + 1);
    while (tokens.end[j] - tokens.start[i] > span) {
      const o = tokens.term[i++];
      const ow = weight.get(o);
      if (ow === undefined) continue;
      const m = inWindow.get(o)! - 1;
      inWindow.set(o, m);
      if (m === 0) covered -= ow;
    }
    best = Math.max(best, covered);
  }
  return best;
}

/** True when sorted `list` holds `i`. */
function holds(list: readonly number[], i: number): boolean {
  const at = lowerBound(list.length, (k) => list[k] < i);
  return at < list.length && list[at] === i;
}

function centre(r: Rect): [number, number] {
  return [(r[0] + r[2]) / 2, (r[1] + r[3]) / 2];
}

/** Distance from a point to the nearest of some rectangles. */
function distance(p: [number, number], rects: readonly Rect[]): number {
  let best = Infinity;
  for (const r of rects) {
    const dx = Math.max(r[0] - p[0], 0, p[0] - r[2]);
    const dy = Math.max(r[1] - p[1], 0, p[1] - r[3]);
    best = Math.min(best, Math.hypot(dx, dy));
  }
  return best;
}

interface Para {
  id: string;
  page: number;
  rects: readonly Rect[];
  text: string;
  /** Search tokens with positions, computed when the paragraph first becomes a candidate. */
  tokens?: Tokens;
  /** Terms of the headline or subhead the paragraph reads under: the story it belongs to. */
  heading: Set<string>;
}

/** Scored candidates for one photo, best first (no threshold applied). */
export function rankParagraphs(pages: readonly LinkPage[], photo: Photo, photoPage: number): PhotoLink[] {
  return linkDocument(pages, { only: photo.id, page: photoPage, all: true }).get(photo.id) ?? [];
}

/** Every photo of the document with its links (best first, thresholds applied), by page in input order. */
export function linkPhotos(pages: readonly LinkPage[]): Photo[][] {
  const links = linkDocument(pages, {});
  return pages.map((p) => p.photos.map((ph) => ({ ...ph, links: links.get(ph.id) ?? [] })));
}

function linkDocument(pages: readonly LinkPage[], opts: { only?: string; page?: number; all?: boolean }): Map<string, PhotoLink[]> {
  const out = new Map<string, PhotoLink[]>();
  if (!pages.some((p) => p.photos.length)) return out;
  const paras: Para[] = [];
  for (const page of pages) {
    let heading = new Set<string>();
    for (const b of page.blocks) {
      if (b.kind === 'headline' || b.kind === 'subhead') heading = terms(b.text);
      else if (b.kind === 'paragraph' && b.text.trim()) {
        // Positions only for candidates (see Para.tokens): a long document's tokens ran to hundreds of megabytes.
        paras.push({ id: b.id, page: page.number, rects: b.rects, text: b.text, heading });
      }
    }
  }
  // Document frequency of each term: rare terms (names, the story's own words) weigh most.
  // Each list is in ascending paragraph order, so a paragraph's own terms need not be kept (`holds`).
  const postings = new Map<string, number[]>();
  const termNumber = new Map<string, number>();
  paras.forEach((p, i) => {
    for (const t of terms(p.text)) {
      const list = postings.get(t);
      if (list) list.push(i);
      else {
        postings.set(t, [i]);
        termNumber.set(t, termNumber.size);
      }
    }
  });
  const df = (t: string) => postings.get(t)?.length ?? 0;
  const idf = (t: string) => Math.log(1 + (paras.length - df(t) + 0.5) / (df(t) + 0.5));
  /** Paragraphs holding the most of the query's weight, best first. */
  const search = (query: readonly string[]): number[] => {
    const sum = new Map<number, number>();
    for (const t of query) {
      const w = idf(t);
      for (const i of postings.get(t) ?? []) sum.set(i, (sum.get(i) ?? 0) + w);
    }
    return [...sum].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CANDIDATES).map(([i]) => i);
  };

  for (const page of pages) {
    const diagonal = Math.hypot(page.width, page.height) || 1;
    const textOf = new Map(page.blocks.map((b) => [b.id, b.text]));
    for (const photo of page.photos) {
      if (opts.only && photo.id !== opts.only) continue;
      const captionText = photo.caption ? (textOf.get(photo.caption) ?? '') : '';
      const query = [...terms(captionText)].filter((t) => postings.has(t));
      const total = query.reduce((s, t) => s + idf(t), 0);
      const weight = new Map(query.map((t) => [termNumber.get(t)!, idf(t) / total]));
      const span = WINDOW_SPAN * fold(captionText).length + 8;
      const at = centre(photo.rect);
      const proximity = (p: Para) => (p.page === page.number && page.width > 0 ? Math.max(0, 1 - distance(at, p.rects) / (0.5 * diagonal)) : 0);
      let ranked: Array<PhotoLink & { shared: number }>;
      if (total > 0) {
        ranked = search(query).map((i) => {
          const p = paras[i];
          const shared = query.filter((t) => holds(postings.get(t)!, i));
          const coverage = shared.reduce((s, t) => s + idf(t), 0) / total;
          const near = windowCoverage((p.tokens ??= packTokens(fold(p.text), termNumber)), weight, span);
          const story = query.reduce((s, t) => s + (p.heading.has(t) ? idf(t) : 0), 0) / total;
          const text = WINDOW_WEIGHT * near + WHOLE_WEIGHT * coverage + HEADING_WEIGHT * story;
          return { block: p.id, score: TEXT_WEIGHT * text + (1 - TEXT_WEIGHT) * proximity(p), shared: shared.length };
        });
      } else {
        // No caption to go by: the nearest paragraph on the page, weakly.
        ranked = paras.filter((p) => p.page === page.number).map((p) => ({ block: p.id, score: (1 - TEXT_WEIGHT) * proximity(p), shared: 0 }));
      }
      ranked.sort((a, b) => b.score - a.score || a.block.localeCompare(b.block));
      const best = ranked[0]?.score ?? 0;
      const kept = opts.all ? ranked : ranked.filter((l, k) => k === 0 || (l.score >= LINK_THRESHOLD && l.score >= RELATIVE_THRESHOLD * best && l.shared >= MIN_SHARED));
      out.set(
        photo.id,
        kept.map((l) => ({ block: l.block, score: Math.round(l.score * 1000) / 1000 })),
      );
    }
  }
  return out;
}

import type { Block, Rect } from '../../core/page-model.ts';
import type { ViewItem } from '../../core/page-view/page-view-codec.ts';
import { blockHitRects, rawHitRects } from '../../core/search/hit-rects.ts';
import type { SearchHit } from '../../core/search/search-model.ts';

/** Hits grouped for the results list: by document, then page, in rank order of each group's best hit. */
export interface HitGroup {
  document: string;
  pages: Array<{ page: number; hits: Array<{ hit: SearchHit; index: number }> }>;
}

export function groupHits(hits: readonly SearchHit[]): HitGroup[] {
  const groups: HitGroup[] = [];
  const byDoc = new Map<string, HitGroup>();
  hits.forEach((hit, index) => {
    let g = byDoc.get(hit.document);
    if (!g) byDoc.set(hit.document, (g = { document: hit.document, pages: [] }));
    if (!groups.includes(g)) groups.push(g);
    let p = g.pages.find((x) => x.page === hit.page);
    if (!p) g.pages.push((p = { page: hit.page, hits: [] }));
    p.hits.push({ hit, index });
  });
  return groups;
}

/** The order Enter/F3 steps in: the list as shown (grouped), not raw rank order. */
export function stepOrder(groups: readonly HitGroup[]): number[] {
  return groups.flatMap((g) => g.pages.flatMap((p) => p.hits.map((h) => h.index)));
}

/** Rectangles of every hit on the open page, through its offset maps. */
export function pageHitRects(model: { items: readonly ViewItem[]; blocks: readonly Block[] }, hits: readonly SearchHit[]): Rect[] {
  const blocks = new Map(model.blocks.map((b) => [b.id, b]));
  return hits.flatMap((h) => {
    if (h.layer === 'raw') return rawHitRects(model.items, h.ranges);
    const block = h.block ? blocks.get(h.block) : undefined;
    if (!block) return [];
    // A corrected block's offsets do not follow the cleaned map: outline the block.
    return h.layer === 'cleaned' ? blockHitRects(model.items, block, h.ranges) : block.rects;
  });
}

/** Snippet as text runs, each marked or not, for rendering with <mark>. */
export function snippetParts(snippet: string, marks: ReadonlyArray<readonly [number, number]>): Array<{ text: string; mark: boolean }> {
  const parts: Array<{ text: string; mark: boolean }> = [];
  let at = 0;
  for (const [s, e] of [...marks].sort((a, b) => a[0] - b[0])) {
    if (s < at) continue;
    if (s > at) parts.push({ text: snippet.slice(at, s), mark: false });
    parts.push({ text: snippet.slice(s, e), mark: true });
    at = e;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), mark: false });
  return parts;
}

import type { SearchHit } from '../../core/search/search-model.ts';

/**
 * Marks search hits in the cleaned text with the CSS Custom Highlight API
 * rather than <mark> elements: each block's text stays one text node, which
 * the selection → page-highlight mapping relies on. Blocks holding a hit also
 * get `data-search-hit` (and the current one `data-search-current`), which
 * tests and assistive styling can see.
 */
export function highlightHits(body: HTMLElement, hits: readonly SearchHit[], current: SearchHit | null): void {
  for (const el of body.querySelectorAll('[data-search-hit]')) {
    el.removeAttribute('data-search-hit');
    el.removeAttribute('data-search-current');
  }
  const all: Range[] = [];
  const cur: Range[] = [];
  for (const hit of hits) {
    if (hit.layer === 'raw' || !hit.block) continue;
    const blockEl = body.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(hit.block)}"]`);
    const node = blockEl?.querySelector('.block-text')?.firstChild;
    if (!blockEl || !node || node.nodeType !== Node.TEXT_NODE) continue;
    blockEl.setAttribute('data-search-hit', '');
    const isCurrent = current !== null && current.document === hit.document && current.block === hit.block && current.page === hit.page;
    if (isCurrent) blockEl.setAttribute('data-search-current', '');
    // A corrected block's offsets are in its corrected text, not this one: the block is marked, not its characters.
    if (hit.layer !== 'cleaned') continue;
    const len = (node as Text).length;
    for (const [s, e] of hit.ranges) {
      if (s >= len) continue;
      const r = new Range();
      r.setStart(node, s);
      r.setEnd(node, Math.min(e, len));
      (isCurrent ? cur : all).push(r);
    }
  }
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
    CSS.highlights.set('search-hit', new Highlight(...all));
    CSS.highlights.set('search-current', new Highlight(...cur));
  }
}

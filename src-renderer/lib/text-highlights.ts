import type { AnnotationView } from '../../core/annotations/annotation.ts';
import { COLOURS } from '../../core/annotations/colours.ts';
import type { Block } from '../../core/page-model.ts';
import { domRanges } from './text-range.ts';

/**
 * Draws annotations in the cleaned text with the CSS Custom Highlight API:
 * no wrapper elements, so each block stays one text node and selection,
 * offsets and screen readers see the text exactly as before. Colours are
 * styled by `::highlight(anno-<colour>)` in app.css.
 */
export function paintTextHighlights(body: HTMLElement | null, blocks: readonly Block[], annotations: readonly AnnotationView[], docId: string, page: number): number {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return 0;
  const byColour = new Map<string, Range[]>(COLOURS.map((c) => [c, []]));
  if (body) {
    for (const a of annotations) {
      a.targets.forEach((t, i) => {
        const r = a.resolved[i];
        if (t.docId !== docId || t.page !== page || r?.start == null || r.end == null) return;
        byColour.get(a.colour)!.push(...domRanges(body, blocks, r.start, r.end));
      });
    }
  }
  let n = 0;
  for (const [colour, ranges] of byColour) {
    n += ranges.length;
    if (ranges.length) CSS.highlights.set(`anno-${colour}`, new Highlight(...ranges));
    else CSS.highlights.delete(`anno-${colour}`);
  }
  return n;
}

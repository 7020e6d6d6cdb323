import { rangesInArea } from '../../core/annotations/anchor.ts';
import type { Rect } from '../../core/page-model.ts';
import { pageText } from '../../core/page-text.ts';

/**
 * What an area annotation will quote, before it is saved: the same whole-word
 * stretches the library takes from the area (annotation-service's buildTargets
 * runs the same rangesInArea on the same blocks), joined as the Annotations
 * panel shows a saved one's quotes. Empty when the area holds no text.
 */
export function areaQuote(model: { items: Parameters<typeof rangesInArea>[0]; blocks: Parameters<typeof rangesInArea>[1] } | null | undefined, area: Rect): string {
  if (!model) return '';
  const text = pageText(model.blocks);
  return rangesInArea(model.items, model.blocks, area)
    .map((r) => text.slice(r.start, r.end))
    .join(' … ');
}

import type { Rect } from '../page-model.ts';

/**
 * An annotation target's area and the quote context, apart from the
 * annotation schemas (annotation.ts): anchor.ts uses them and the renderer
 * uses anchor.ts, and the schemas would bring zod into the app's start-up
 * script (a third of it, evaluated before the library's first rows).
 */

/** Characters of context kept either side of a quote. */
export const CONTEXT_CHARS = 32;

/** [x, y, width, height] in PDF points from the page's top-left corner (annotation.ts validates it). */
export type ViewRect = [number, number, number, number];

export function viewRectOf(rects: readonly Rect[]): ViewRect | null {
  if (rects.length === 0) return null;
  let [x0, y0, x1, y1] = rects[0];
  for (const r of rects) {
    x0 = Math.min(x0, r[0]);
    y0 = Math.min(y0, r[1]);
    x1 = Math.max(x1, r[2]);
    y1 = Math.max(y1, r[3]);
  }
  const round = (v: number) => Math.round(v * 100) / 100;
  return [round(Math.max(0, x0)), round(Math.max(0, y0)), round(x1 - x0), round(y1 - y0)];
}

export function rectOfView(v: ViewRect): Rect {
  return [v[0], v[1], v[0] + v[2], v[1] + v[3]];
}

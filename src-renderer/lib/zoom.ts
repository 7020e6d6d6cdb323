/** Zoom as stored in settings: a fit mode or a scale (CSS px per PDF point). */
export type Zoom = 'fit-width' | 'fit-page' | number;

export const MIN_SCALE = 0.1;
export const MAX_SCALE = 8;
const STEPS = [0.1, 0.15, 0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4, 5, 6, 8];

export const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** The scale a zoom setting means for a page (points) in a viewport (CSS px, padding already removed). */
export function resolveScale(zoom: Zoom, page: { width: number; height: number }, box: { width: number; height: number }): number {
  if (typeof zoom === 'number') return clampScale(zoom);
  if (page.width <= 0 || page.height <= 0 || box.width <= 0) return 1;
  const byWidth = box.width / page.width;
  if (zoom === 'fit-width') return clampScale(byWidth);
  return clampScale(Math.min(byWidth, box.height > 0 ? box.height / page.height : byWidth));
}

/** Next preset step above (dir 1) or below (dir -1) the current scale. */
export function stepScale(current: number, dir: 1 | -1): number {
  const eps = 1e-3;
  if (dir > 0) return STEPS.find((s) => s > current + eps) ?? MAX_SCALE;
  return [...STEPS].reverse().find((s) => s < current - eps) ?? MIN_SCALE;
}

/** Continuous zoom for ctrl+wheel and trackpad pinch (Chrome reports pinch as ctrl+wheel). */
export function wheelScale(current: number, deltaY: number): number {
  return clampScale(current * Math.exp(-deltaY * 0.002));
}

/**
 * Backing-store resolution for a canvas: device pixels, capped so a huge
 * page at high zoom stays within what the GPU will allocate.
 */
export function outputScale(cssWidth: number, cssHeight: number, dpr: number, maxPixels = 16_777_216): number {
  const want = Math.max(1, dpr);
  const pixels = cssWidth * cssHeight * want * want;
  return pixels <= maxPixels ? want : Math.sqrt(maxPixels / (cssWidth * cssHeight));
}

/**
 * Illustrations an ALTO file marks (Illustration, GraphicalElement), in each
 * page's top-left PDF points. ALTO measures in its own unit (LoC: 1/1200
 * inch); scaling by the ratio of the PDF page's size to ALTO's Page size
 * needs no knowledge of the unit. A regular-expression scan, not a DOM: core
 * has no XML parser, and only these few attributes matter.
 */
import type { Rect } from '../page-model.ts';

const PAGE = /<(?:\w+:)?Page\b([^>]*)>/g;
const SHAPE = /<(?:\w+:)?(?:Illustration|GraphicalElement)\b([^>]*)>/g;

function attr(attrs: string, name: string): number {
  const m = new RegExp(`\\b${name}\\s*=\\s*"([-+0-9.eE]+)"`).exec(attrs);
  return m ? Number(m[1]) : NaN;
}

/** Whether the ALTO marks any illustration at all (on any page, fitting or not). */
export function marksIllustrations(xml: string): boolean {
  return /<(?:\w+:)?(?:Illustration|GraphicalElement)\b/.test(xml);
}

/** Per ALTO page (in file order): the illustrations, scaled to a PDF page of the given size. */
export function altoIllustrations(xml: string, pageSize: (index: number) => { width: number; height: number } | null): Rect[][] {
  const pages: Array<{ start: number; width: number; height: number }> = [];
  for (const m of xml.matchAll(PAGE)) pages.push({ start: m.index, width: attr(m[1], 'WIDTH'), height: attr(m[1], 'HEIGHT') });
  return pages.map((p, k) => {
    const end = k + 1 < pages.length ? pages[k + 1].start : xml.length;
    const size = pageSize(k);
    if (!size || !(p.width > 0) || !(p.height > 0)) return [];
    const sx = size.width / p.width;
    const sy = size.height / p.height;
    const out: Rect[] = [];
    for (const m of xml.slice(p.start, end).matchAll(SHAPE)) {
      const [x, y, w, h] = ['HPOS', 'VPOS', 'WIDTH', 'HEIGHT'].map((n) => attr(m[1], n));
      if (![x, y, w, h].every(Number.isFinite) || w <= 0 || h <= 0) continue;
      const r = (v: number) => Math.round(v * 100) / 100;
      out.push([r(x * sx), r(y * sy), r((x + w) * sx), r((y + h) * sy)]);
    }
    return out;
  });
}

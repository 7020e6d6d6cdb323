/**
 * Illustrations an ALTO file marks (Illustration, GraphicalElement), in each
 * page's top-left PDF points. ALTO measures in its own unit (LoC: 1/1200
 * inch); scaling by the ratio of the PDF page's size to ALTO's Page size
 * needs no knowledge of the unit. A scan for these few tags (alto-tags.ts),
 * not a DOM: core has no XML parser, and only these few attributes matter.
 */
import type { Rect } from '../page-model.ts';
import { hasTag, wholeTags } from '../layout/alto-tags.ts';

const SHAPES = ['Illustration', 'GraphicalElement'];
const ATTRS = new Map(['HPOS', 'VPOS', 'WIDTH', 'HEIGHT'].map((n) => [n, new RegExp(`\\b${n}\\s*=\\s*"([-+0-9.eE]+)"`)]));

function attr(attrs: string, name: string): number {
  const m = ATTRS.get(name)!.exec(attrs);
  return m ? Number(m[1]) : NaN;
}

/** Whether the ALTO marks any illustration at all (on any page, fitting or not). */
export function marksIllustrations(xml: string): boolean {
  return hasTag(xml, SHAPES);
}

/** Per ALTO page (in file order): the illustrations, scaled to a PDF page of the given size. */
export function altoIllustrations(xml: string, pageSize: (index: number) => { width: number; height: number } | null): Rect[][] {
  const pages: Array<{ start: number; width: number; height: number }> = [];
  for (const t of wholeTags(xml, ['Page'])) {
    const attrs = xml.slice(t.attrs, t.end - 1);
    pages.push({ start: t.start, width: attr(attrs, 'WIDTH'), height: attr(attrs, 'HEIGHT') });
  }
  return pages.map((p, k) => {
    const end = k + 1 < pages.length ? pages[k + 1].start : xml.length;
    const size = pageSize(k);
    if (!size || !(p.width > 0) || !(p.height > 0)) return [];
    const sx = size.width / p.width;
    const sy = size.height / p.height;
    const out: Rect[] = [];
    const slice = xml.slice(p.start, end);
    for (const t of wholeTags(slice, SHAPES)) {
      const attrs = slice.slice(t.attrs, t.end - 1);
      const [x, y, w, h] = ['HPOS', 'VPOS', 'WIDTH', 'HEIGHT'].map((n) => attr(attrs, n));
      if (![x, y, w, h].every(Number.isFinite) || w <= 0 || h <= 0) continue;
      const r = (v: number) => Math.round(v * 100) / 100;
      out.push([r(x * sx), r(y * sy), r((x + w) * sx), r((y + h) * sy)]);
    }
    return out;
  });
}

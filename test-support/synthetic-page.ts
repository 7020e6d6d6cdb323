/**
 * Test support: RawPages built as plain data the way pdf.js reports them
 * (transform in PDF user space, rect top-left), plus the provenance
 * invariant every cleaned page must satisfy.
 */
import type { CleanedPage, RawItem, RawPage } from '../core/page-model.ts';
import { widthClass } from '../core/layout/glyphs.ts';

export const PAGE_W = 800;
export const PAGE_H = 1100;

export function advance(str: string, size: number): number {
  let w = 0;
  for (const ch of str) w += widthClass(ch) * size;
  return w;
}

/** One item whose baseline starts at (x, baseline) in top-left coordinates. */
export function item(str: string, x: number, baseline: number, size: number, opts: Partial<RawItem> & { width?: number } = {}): RawItem {
  const width = opts.width ?? advance(str, size);
  return {
    str,
    font: opts.font ?? 'g_d0_f1',
    size,
    transform: [size, 0, 0, size, x, PAGE_H - baseline],
    rect: [x, baseline - size, x + width, baseline],
    eol: opts.eol ?? false,
  };
}

export interface ColumnSpec {
  lines: string[];
  x: number;
  /** Baseline of the first line. */
  top: number;
  size: number;
  /** Baseline-to-baseline distance; default 1.4 × size. */
  leading?: number;
  /** Split each line into items of this many characters (default: one item per line). */
  runLength?: number;
  /** Horizontal offset per line, e.g. an indent: index → points. */
  indent?: Record<number, number>;
}

/** Lays out lines of a column, one or more items per line, in stream order. */
export function column(spec: ColumnSpec): RawItem[] {
  const out: RawItem[] = [];
  const leading = spec.leading ?? spec.size * 1.4;
  spec.lines.forEach((text, k) => {
    const baseline = spec.top + k * leading;
    let x = spec.x + (spec.indent?.[k] ?? 0);
    const chars = [...text];
    const run = spec.runLength ?? chars.length;
    for (let i = 0; i < chars.length; i += run) {
      const str = chars.slice(i, i + run).join('');
      out.push(item(str, x, baseline, spec.size, { eol: i + run >= chars.length }));
      x += advance(str, spec.size);
    }
  });
  return out;
}

/** "Fake bold": each item drawn a second time `dx` points to the right, in another font. */
export function overprintRuns(items: readonly RawItem[], dx = 0.3): RawItem[] {
  return items.flatMap((it) => [
    { ...it, eol: false },
    {
      ...it,
      font: it.font + '_bold',
      transform: [it.transform[0], 0, 0, it.transform[3], it.transform[4] + dx, it.transform[5]] as RawItem['transform'],
      rect: [it.rect[0] + dx, it.rect[1], it.rect[2] + dx, it.rect[3]] as RawItem['rect'],
    },
  ]);
}

/** Per-glyph overprint with pdf.js splitting every glyph into its own item. */
export function overprintGlyphs(items: readonly RawItem[], dx = 0.3): RawItem[] {
  return items.flatMap((it) => {
    const out: RawItem[] = [];
    let x = it.rect[0];
    const baseline = it.rect[3];
    for (const ch of it.str) {
      out.push(item(ch, x, baseline, it.size), item(ch, x + dx, baseline, it.size, { font: 'bold' }));
      x += advance(ch, it.size);
    }
    return out;
  });
}

/** Per-glyph overprint that pdf.js kept in one item: "来来到到", as wide as "来到". */
export function overprintInItem(it: RawItem): RawItem {
  const str = [...it.str].map((c) => c + c).join('');
  return { ...it, str };
}

/** Deterministic shuffle (stream order must not matter). */
export function shuffle<T>(xs: readonly T[], seed = 7): T[] {
  const out = [...xs];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function page(items: RawItem[], images: RawPage['images'] = [], number = 1): RawPage {
  return { number, width: PAGE_W, height: PAGE_H, items, images };
}

/**
 * Every mapped character is the raw character it claims; every raw UTF-16 unit
 * is mapped exactly once or covered by exactly one Edit. Returns the problems.
 */
export function provenanceProblems(p: RawPage, c: CleanedPage): string[] {
  const problems: string[] = [];
  const seen = p.items.map((it) => new Uint8Array(it.str.length));
  for (const b of c.blocks) {
    if (b.map.length !== b.text.length) problems.push(`${b.id}: map ${b.map.length} ≠ text ${b.text.length}`);
    b.map.forEach(([i, k], pos) => {
      if (i === -1 && k === -1) {
        if (b.text[pos] !== ' ' && b.text[pos] !== '\n') problems.push(`${b.id}[${pos}]: inserted ${JSON.stringify(b.text[pos])}`);
        return;
      }
      if (p.items[i]?.str[k] !== b.text[pos]) problems.push(`${b.id}[${pos}]: ${JSON.stringify(b.text[pos])} ≠ raw [${i},${k}]`);
      else seen[i][k]++;
    });
  }
  for (const e of c.edits) for (let k = e.start; k < e.end; k++) seen[e.item][k]++;
  seen.forEach((s, i) =>
    s.forEach((n, k) => {
      if (n !== 1) problems.push(`raw [${i},${k}] ${JSON.stringify(p.items[i].str[k])} accounted ${n}×`);
    }),
  );
  return problems;
}

/** Wraps CJK paragraphs into lines of `perLine` characters, first line indented two characters. */
export function wrapCjk(paragraphs: readonly string[], perLine: number, size: number): { lines: string[]; indent: Record<number, number> } {
  const lines: string[] = [];
  const indent: Record<number, number> = {};
  for (const p of paragraphs) {
    const chars = [...p];
    indent[lines.length] = 2 * size;
    lines.push(chars.slice(0, perLine - 2).join(''));
    for (let i = perLine - 2; i < chars.length; i += perLine) lines.push(chars.slice(i, i + perLine).join(''));
  }
  return { lines, indent };
}

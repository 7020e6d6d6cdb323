import type { Edit, EditReason, RawItem } from '../../core/page-model.ts';

/** A stretch of raw text, either kept or removed by cleaning (with the edit's index in `edits`). */
export interface Segment {
  text: string;
  reason?: EditReason;
  edit?: number;
}

/**
 * Cuts the raw text (exactly rawText(items)) into kept and removed stretches
 * so the diff view shows the original with removals marked, never a
 * reconstruction. Edits that overlap an earlier one are clipped rather than
 * dropped; edits pointing outside their item are ignored.
 */
export function diffSegments(items: readonly RawItem[], edits: readonly Edit[]): Segment[] {
  const starts: number[] = [];
  let raw = '';
  for (const it of items) {
    starts.push(raw.length);
    raw += it.str + (it.eol ? '\n' : '');
  }
  const ranges = edits
    .map((e, i) => {
      const it = items[e.item];
      if (!it) return null;
      const s = Math.max(0, Math.min(e.start, it.str.length));
      const end = Math.max(s, Math.min(e.end, it.str.length));
      return end > s ? { from: starts[e.item] + s, to: starts[e.item] + end, reason: e.reason, edit: i } : null;
    })
    .filter((r) => r !== null)
    .sort((a, b) => a.from - b.from || a.to - b.to);

  const out: Segment[] = [];
  let pos = 0;
  for (const r of ranges) {
    const from = Math.max(r.from, pos);
    if (r.to <= from) continue;
    if (from > pos) out.push({ text: raw.slice(pos, from) });
    out.push({ text: raw.slice(from, r.to), reason: r.reason, edit: r.edit });
    pos = r.to;
  }
  if (pos < raw.length) out.push({ text: raw.slice(pos) });
  return out;
}

export const reasonLabel: Record<EditReason, string> = {
  overprint: 'Overprint',
  'justification-space': 'Justification space',
  hyphenation: 'Hyphenation',
  whitespace: 'Whitespace',
};

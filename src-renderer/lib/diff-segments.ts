import type { Edit, EditReason } from '../../core/page-model.ts';
import type { ViewItem } from '../../core/page-view/page-view-codec.ts';

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
export function diffSegments(items: readonly ViewItem[], edits: readonly Edit[]): Segment[] {
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

/**
 * A segment cut so it never crosses an item boundary; `start` marks the
 * segment a raw line begins with (an item after a line end). Markers go on
 * lines, not on every item: thousands of empty spans on an OCR page made
 * layout and axe crawl.
 */
export interface ItemSegment extends Segment {
  item: number;
  start: boolean;
}

/**
 * Cuts segments (or the plain raw text when there are none) at item starts,
 * so the raw panel can put an anchor marker where each item begins without
 * changing a character of the text.
 */
export function segmentsByItem(items: readonly ViewItem[], segments: readonly Segment[] | null): ItemSegment[] {
  const lineStart = (i: number) => i === 0 || items[i - 1].eol;
  return cutAtItems(items, segments)
    .map((s) => (s.start && !lineStart(s.item) ? { ...s, start: false } : s))
    .filter((s) => s.text.length > 0 || s.start);
}

function cutAtItems(items: readonly ViewItem[], segments: readonly Segment[] | null): ItemSegment[] {
  const out: ItemSegment[] = [];
  if (!segments) {
    items.forEach((it, item) => out.push({ text: it.str + (it.eol ? '\n' : ''), item, start: true }));
    return out;
  }
  const starts: number[] = [];
  let len = 0;
  for (const it of items) {
    starts.push(len);
    len += it.str.length + (it.eol ? 1 : 0);
  }
  let item = -1;
  let pos = 0;
  // Moves to the item holding `pos`, giving every item passed on the way
  // (empty ones included) its start.
  const reach = () => {
    while (item + 1 < items.length && starts[item + 1] <= pos) {
      item++;
      if (item + 1 < items.length && starts[item + 1] <= pos) out.push({ text: '', item, start: true });
    }
  };
  let begun = -1;
  for (const seg of segments) {
    let text = seg.text;
    while (text.length > 0) {
      reach();
      const end = item + 1 < items.length ? starts[item + 1] : len;
      const take = Math.min(text.length, Math.max(1, end - pos));
      out.push({ ...seg, text: text.slice(0, take), item, start: begun !== item });
      begun = item;
      text = text.slice(take);
      pos += take;
    }
  }
  for (let i = begun + 1; i < items.length; i++) out.push({ text: '', item: i, start: true });
  return out;
}

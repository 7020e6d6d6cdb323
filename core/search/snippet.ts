/**
 * Hit ranges found in folded text, carried back to the original text through
 * fold's offset map, and the short excerpt a result list shows.
 */

export type Range = [start: number, end: number];

/** Folded-text ranges → original-text ranges (a folded match ending inside one original character's expansion takes the whole character). */
export function toOriginalRanges(ranges: readonly Range[], map: readonly number[], original: string): Range[] {
  return ranges.map(([s, e]) => {
    const start = map[s];
    const lastSource = map[e - 1];
    const cp = original.codePointAt(lastSource) ?? 0;
    return [start, lastSource + (cp > 0xffff ? 2 : 1)];
  });
}

export interface Snippet {
  text: string;
  /** [start, end) of each highlighted match inside `text`. */
  marks: Range[];
}

/** An excerpt around the first range, with every range inside it marked; line breaks become spaces. */
export function makeSnippet(text: string, ranges: readonly Range[], before = 30, length = 120): Snippet {
  const first = ranges[0] ?? [0, 0];
  let start = Math.max(0, first[0] - before);
  let end = Math.min(text.length, Math.max(first[1], start + length));
  // Do not cut a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start--;
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end++;
  const lead = start > 0 ? '…' : '';
  const body = text.slice(start, end).replace(/\s/g, ' ');
  const marks: Range[] = [];
  for (const [s, e] of ranges) {
    if (e <= start || s >= end) continue;
    marks.push([Math.max(s, start) - start + lead.length, Math.min(e, end) - start + lead.length]);
  }
  return { text: lead + body + (end < text.length ? '…' : ''), marks };
}

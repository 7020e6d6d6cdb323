/**
 * Finding ALTO's start tags and reading their attributes without a regular
 * expression walking every tag of a 1–2 MB file: `indexOf` finds the few
 * names asked for. Each function answers exactly as the regular expression
 * named beside it (what the ALTO readers used before), odd input included,
 * so what a page is laid out from cannot change.
 */

/** \w: [A-Za-z0-9_]. */
function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** \s: JavaScript's white space and line terminators. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 5760 || (c >= 8192 && c <= 8202) || c === 8232 || c === 8233 || c === 8239 || c === 8287 || c === 12288 || c === 65279;
}

/** Where the `<` of `<NAME` or `<prefix:NAME` would be for the `NAME` at `at`, or -1 (/<(?:\w+:)?NAME\b/ anchored there). */
function tagStartOf(xml: string, at: number, name: string): number {
  const after = at + name.length;
  if (after < xml.length && isWordChar(xml.charCodeAt(after))) return -1;
  const before = xml.charCodeAt(at - 1);
  if (before === 60) return at - 1;
  if (before !== 58) return -1;
  let j = at - 2;
  while (j >= 0 && isWordChar(xml.charCodeAt(j))) j--;
  return j < at - 2 && j >= 0 && xml.charCodeAt(j) === 60 ? j : -1;
}

/** Where each start tag of `name` begins: the indices /<(?:\w+:)?NAME\b/g matches at. */
export function tagStarts(xml: string, name: string): number[] {
  const out: number[] = [];
  let end = 0;
  for (let at = xml.indexOf(name, 1); at >= 0; at = xml.indexOf(name, at + 1)) {
    const start = tagStartOf(xml, at, name);
    if (start < 0) continue;
    // `<Page:Page`: the regular expression takes the prefix when it can, so its match ends at the second name.
    if (out.length && start === out[out.length - 1]) end = at + name.length;
    // Matches do not overlap: the search goes on after the last one.
    else if (start >= end) {
      out.push(start);
      end = at + name.length;
    }
  }
  return out;
}

/** Whether the file has a start tag of any of `names` (/<(?:\w+:)?(?:A|B)\b/.test). */
export function hasTag(xml: string, names: readonly string[]): boolean {
  return names.some((name) => {
    for (let at = xml.indexOf(name, 1); at >= 0; at = xml.indexOf(name, at + 1)) if (tagStartOf(xml, at, name) >= 0) return true;
    return false;
  });
}

export interface TagSpan {
  /** The `<`. */
  start: number;
  /** Just after the name: the attributes run from here to `end - 1`. */
  attrs: number;
  /** Just after the `>`. */
  end: number;
}

/** Whole start tags of any of `names`, in file order: the matches of /<(?:\w+:)?(?:A|B)\b([^>]*)>/g. */
export function wholeTags(xml: string, names: readonly string[]): TagSpan[] {
  const found: Array<{ start: number; attrs: number }> = [];
  for (const name of names)
    for (let at = xml.indexOf(name, 1); at >= 0; at = xml.indexOf(name, at + 1)) {
      const start = tagStartOf(xml, at, name);
      if (start >= 0) found.push({ start, attrs: at + name.length });
    }
  // In file order; of two at the same `<` (`<Page:Page`) the prefixed one, as the regular expression prefers it.
  found.sort((a, b) => a.start - b.start || b.attrs - a.attrs);
  const out: TagSpan[] = [];
  let end = 0;
  for (const f of found) {
    if (f.start < end) continue;
    const gt = xml.indexOf('>', f.attrs);
    // No `>` after this one: none after a later one either.
    if (gt < 0) break;
    out.push({ start: f.start, attrs: f.attrs, end: (end = gt + 1) });
  }
  return out;
}

/**
 * Where the value of attribute `name` starts in `tag` (a whole start tag),
 * or -1: the first `NAME="` after white space that has a closing quote, as
 * /\sNAME="([^"]*)"/ finds it. The value ends at the next `"`.
 */
export function attrValueAt(tag: string, name: string): number {
  for (let at = tag.indexOf(name, 1); at > 0; at = tag.indexOf(name, at + 1)) {
    const q = at + name.length;
    if (tag.charCodeAt(q) !== 61 || tag.charCodeAt(q + 1) !== 34 || !isSpace(tag.charCodeAt(at - 1))) continue;
    // A later NAME=" would hold a quote, closing this value: without one, there is no match at all.
    return tag.indexOf('"', q + 2) < 0 ? -1 : q + 2;
  }
  return -1;
}

/** The attribute's value (/\sNAME="([^"]*)"/ in `tag`), or undefined. */
export function attr(tag: string, name: string): string | undefined {
  const at = attrValueAt(tag, name);
  return at < 0 ? undefined : tag.slice(at, tag.indexOf('"', at));
}

/** Number(attr(tag, name)): NaN when absent. Plain digits are read in place, anything else as Number reads it. */
export function numAttr(tag: string, name: string): number {
  const at = attrValueAt(tag, name);
  if (at < 0) return NaN;
  let v = 0;
  let k = at;
  for (let c = tag.charCodeAt(k); c >= 48 && c <= 57; c = tag.charCodeAt(++k)) v = v * 10 + (c - 48);
  // Up to 15 digits stay exact as a double, as Number would give them.
  return tag.charCodeAt(k) === 34 && k > at && k - at <= 15 ? v : Number(tag.slice(at, tag.indexOf('"', at)));
}

import { fold } from './fold.ts';
import { isCjkChar, isWordChar } from './tokenize.ts';

/**
 * The archive's query language, parsed once and shared by the index (which
 * turns it into an FTS5 expression over index-terms.ts tokens) and by the
 * verifier (which finds every match in a block's folded text, see match.ts).
 *
 *   职工 Washington      both (AND is the default)
 *   职工 OR 工会          either
 *   -广告                 not this
 *   "evening star"       a Latin phrase; a CJK run is always a phrase
 *
 * An unquoted Latin word also matches words it begins (prefix, so results
 * come as you type) and, for OCR errors, words a letter or two away (fuzzy);
 * both rank below exact matches.
 */

/** A stretch of one script inside a term: a Latin (or other spaced-script) word, or a run of CJK characters. */
export interface Segment {
  kind: 'word' | 'cjk';
  text: string;
}

export interface Term {
  /** Folded text as typed (quotes and minus removed). */
  text: string;
  segments: Segment[];
  /** One unquoted non-CJK word: prefix and fuzzy expansion apply. */
  expandable: boolean;
}

export interface Query {
  /** Every group must match; a group matches when any of its terms does. */
  groups: Term[][];
  exclude: Term[];
}

export function segmentsOf(folded: string): Segment[] {
  const out: Segment[] = [];
  let cur: Segment | null = null;
  for (const ch of folded) {
    const kind = isCjkChar(ch) ? 'cjk' : isWordChar(ch) ? 'word' : null;
    if (kind && cur && cur.kind === kind) cur.text += ch;
    else if (kind) out.push((cur = { kind, text: ch }));
    else cur = null;
  }
  return out;
}

function term(raw: string, quoted: boolean): Term | null {
  const text = fold(raw).trim();
  const segments = segmentsOf(text);
  if (segments.length === 0) return null;
  return { text, segments, expandable: !quoted && segments.length === 1 && segments[0].kind === 'word' };
}

/** Parses a query; a query with nothing to look for has no groups. Never throws. */
export function parseQuery(input: string): Query {
  const groups: Term[][] = [];
  const exclude: Term[] = [];
  const re = /(-?)"([^"]*)"?|(\S+)/gu;
  let pendingOr = false;
  for (const m of input.slice(0, 1000).matchAll(re)) {
    if (m[3] === 'OR') {
      pendingOr = groups.length > 0;
      continue;
    }
    const negative = m[1] === '-' || (m[3]?.startsWith('-') && m[3].length > 1);
    const quoted = m[2] !== undefined;
    const t = term(quoted ? m[2] : negative ? m[3].slice(1) : m[3], quoted);
    if (!t) {
      pendingOr = false;
      continue;
    }
    if (negative) exclude.push(t);
    else if (pendingOr) groups[groups.length - 1].push(t);
    else groups.push([t]);
    pendingOr = false;
  }
  return { groups: groups.slice(0, 16), exclude: exclude.slice(0, 16) };
}

export function isEmptyQuery(q: Query): boolean {
  return q.groups.length === 0;
}

/**
 * The query with each CJK term's other written forms as OR alternatives
 * (simplified ↔ traditional: 职工 also finds 職工), and excluded the same way.
 * `variants` returns the forms of a text; the caller supplies the converter
 * (OpenCC), so core stays free of its dictionaries.
 */
export function withVariants(q: Query, variants: (text: string) => string[]): Query {
  const expand = (t: Term): Term[] => {
    if (!t.segments.some((s) => s.kind === 'cjk')) return [t];
    const out = [t];
    for (const v of variants(t.text)) {
      if (out.some((o) => o.text === v)) continue;
      out.push({ text: v, segments: segmentsOf(v), expandable: t.expandable });
    }
    return out;
  };
  return { groups: q.groups.map((g) => g.flatMap(expand)), exclude: q.exclude.flatMap(expand) };
}

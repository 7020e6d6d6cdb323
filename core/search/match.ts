import type { Query, Segment, Term } from './query.ts';

/**
 * Matching a parsed query against text, two ways that must agree:
 * - ftsExpression: an SQLite FTS5 MATCH expression over the tokens of
 *   index-terms.ts, which finds candidate blocks fast;
 * - termPattern / verifyText: a regular expression over a block's folded text
 *   that finds each match's exact position, so every hit is checked to really
 *   contain the query and its characters can be marked in text and on the page.
 *
 * `expansions` maps an expandable Latin word to the indexed words it also
 * stands for (fuzzy matches for OCR errors), chosen by the index.
 */

export type Expansions = ReadonlyMap<string, readonly string[]>;

export interface MatchOptions {
  /** Prefix matching for unquoted Latin words (words from this length on). */
  prefixFrom?: number;
  expansions?: Expansions;
}

const PREFIX_FROM = 3;

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;

function segmentTokens(segments: Segment[]): { tokens: string[]; prefix: boolean } {
  const tokens: string[] = [];
  let prefix = false;
  segments.forEach((seg, i) => {
    const last = i === segments.length - 1;
    if (seg.kind === 'word') {
      tokens.push(seg.text);
      return;
    }
    const chars = Array.from(seg.text);
    if (chars.length === 1) {
      tokens.push(chars[0]);
      // At the end of the term the character may begin a longer run in the text: its pair starts with it.
      if (last) prefix = true;
      return;
    }
    for (let k = 0; k + 1 < chars.length; k++) tokens.push(chars[k] + chars[k + 1]);
    // A run followed by another segment ends there in the text too: its trailing token is indexed.
    if (!last) tokens.push(chars[chars.length - 1]);
  });
  return { tokens, prefix };
}

/** FTS5 expression for one term, with prefix and fuzzy alternatives when allowed. */
export function termExpression(t: Term, opts: MatchOptions = {}): string {
  const { tokens, prefix } = segmentTokens(t.segments);
  const phrase = (tokens.length === 1 ? quote(tokens[0]) : quote(tokens.join(' '))) + (prefix ? '*' : '');
  if (!t.expandable) return phrase;
  const alts = [phrase];
  if (t.text.length >= (opts.prefixFrom ?? PREFIX_FROM)) alts.push(quote(t.text) + '*');
  for (const e of opts.expansions?.get(t.text) ?? []) if (e !== t.text) alts.push(quote(e));
  return alts.length === 1 ? phrase : `(${alts.join(' OR ')})`;
}

/** The whole query as an FTS5 expression, or null when nothing positive is asked. */
export function ftsExpression(q: Query, opts: MatchOptions = {}): string | null {
  if (q.groups.length === 0) return null;
  const groups = q.groups.map((g) => (g.length === 1 ? termExpression(g[0], opts) : `(${g.map((t) => termExpression(t, opts)).join(' OR ')})`));
  let expr = groups.join(' AND ');
  if (q.exclude.length) expr = `(${expr}) NOT (${q.exclude.map((t) => termExpression({ ...t, expandable: false })).join(' OR ')})`;
  return expr;
}

// Word characters that are not CJK: the ones that continue a Latin word.
const W = String.raw`[[\p{L}\p{N}\p{M}]--[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\u3005]]`;
const NOT_WORD = String.raw`[^\p{L}\p{N}\p{M}]`;

// Segments hold only letters, digits and marks; escaping the syntax characters is a safeguard.
const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, (c) => '\\' + c);

/** Regular expression source matching one term in folded text, with prefix/fuzzy alternatives when allowed. */
export function termPattern(t: Term, opts: MatchOptions = {}): string {
  const parts: string[] = [];
  t.segments.forEach((seg, i) => {
    if (i > 0) {
      const prev = t.segments[i - 1];
      // Two words, or two CJK runs, were separated in the query; a script change needs no separator.
      parts.push(prev.kind === seg.kind ? `${NOT_WORD}+` : `${NOT_WORD}*`);
    }
    if (seg.kind === 'cjk') {
      parts.push(escape(seg.text));
      return;
    }
    let word = escape(seg.text);
    if (t.expandable) {
      const alts = [word, ...(opts.expansions?.get(t.text) ?? []).filter((e) => e !== t.text).map(escape)];
      const prefix = t.text.length >= (opts.prefixFrom ?? PREFIX_FROM) ? `${W}*` : '';
      word = `(?:${alts.join('|')})${prefix}`;
    }
    parts.push(`(?<!${W})${word}(?!${W})`);
  });
  return parts.join('');
}

export interface CompiledQuery {
  groups: RegExp[][];
  exclude: RegExp[];
}

export function compileQuery(q: Query, opts: MatchOptions = {}): CompiledQuery {
  const re = (t: Term, o: MatchOptions) => new RegExp(termPattern(t, o), 'gv');
  return {
    groups: q.groups.map((g) => g.map((t) => re(t, opts))),
    exclude: q.exclude.map((t) => re({ ...t, expandable: false }, {})),
  };
}

/**
 * Every match of the query's positive terms in `folded`, as sorted,
 * non-overlapping [start, end) ranges, or null when the text does not
 * satisfy the query (a group without a match, or an excluded term present).
 */
export function verifyText(c: CompiledQuery, folded: string): Array<[number, number]> | null {
  for (const ex of c.exclude) {
    ex.lastIndex = 0;
    if (ex.test(folded)) return null;
  }
  const ranges: Array<[number, number]> = [];
  for (const group of c.groups) {
    let found = false;
    for (const re of group) {
      re.lastIndex = 0;
      for (const m of folded.matchAll(re)) {
        if (m[0].length === 0) continue;
        ranges.push([m.index, m.index + m[0].length]);
        found = true;
      }
    }
    if (!found) return null;
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

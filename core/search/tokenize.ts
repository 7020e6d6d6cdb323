/**
 * Search tokens of folded text (see fold.ts). Chinese, Japanese and Korean
 * are written without spaces between words, so their runs are cut into
 * overlapping character pairs (职工之家 → 职工 工之 之家): a two-character
 * word, the commonest query, is then exactly one token, and a longer phrase
 * is a chain of pairs whose order the caller verifies against the text.
 * A lone CJK character between other scripts is a token of its own. Other
 * scripts split into words of letters and digits.
 */

export interface Token {
  term: string;
  /** [start, end) in the folded text. */
  start: number;
  end: number;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30FC\u3005]/u;
const WORD = /[\p{L}\p{N}\p{M}]/u;

export function isCjkChar(ch: string): boolean {
  return CJK.test(ch);
}

/** A letter, digit or mark: part of a word (CJK characters included; see isCjkChar). */
export function isWordChar(ch: string): boolean {
  return WORD.test(ch);
}

/**
 * Calls `each` with every token of `folded`, in text order, without making
 * an object per token: the photo linker and the index walk hundreds of
 * thousands of them for a long document.
 */
export function forEachToken(folded: string, each: (term: string, start: number, end: number) => void): void {
  const chars = Array.from(folded);
  const offsets: number[] = [];
  let at = 0;
  for (const c of chars) {
    offsets.push(at);
    at += c.length;
  }
  offsets.push(at);
  let i = 0;
  while (i < chars.length) {
    if (isCjkChar(chars[i])) {
      let j = i;
      while (j < chars.length && isCjkChar(chars[j])) j++;
      if (j - i === 1) each(chars[i], offsets[i], offsets[i + 1]);
      for (let k = i; k + 1 < j; k++) each(chars[k] + chars[k + 1], offsets[k], offsets[k + 2]);
      i = j;
    } else if (WORD.test(chars[i])) {
      let j = i;
      while (j < chars.length && WORD.test(chars[j]) && !isCjkChar(chars[j])) j++;
      each(chars.slice(i, j).join(''), offsets[i], offsets[j]);
      i = j;
    } else i++;
  }
}

export function tokensWithPositions(folded: string): Token[] {
  const tokens: Token[] = [];
  forEachToken(folded, (term, start, end) => tokens.push({ term, start, end }));
  return tokens;
}

/** Terms only, in text order: what MiniSearch's `tokenize` option wants. */
export function tokenize(folded: string): string[] {
  const terms: string[] = [];
  forEachToken(folded, (term) => terms.push(term));
  return terms;
}

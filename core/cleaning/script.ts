/**
 * Character classes that cleaning and joining depend on. CJK text has no
 * spaces between words, so a space between two CJK characters is layout
 * (justification), never content.
 */

const CJK_RE =
  /[\u2E80-\u2FDF\u3000-\u303F\u3040-\u30FF\u3100-\u312F\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFFEF\u2014\u2026\u22EF\u201C\u201D\u2018\u2019\u00B7]/;

/** CJK ideographs, kana, CJK punctuation and full-width forms (plus the dashes, ellipses and quotes CJK typesetting uses). */
export function isCjk(ch: string): boolean {
  return CJK_RE.test(ch);
}

export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00A0' || ch === '\u3000';
}

export function isLatinLetter(ch: string): boolean {
  return /\p{Script=Latin}/u.test(ch);
}

/** Sentence-final punctuation in Chinese and Latin text, with closing quotes/brackets allowed after it. */
export function endsSentence(text: string): boolean {
  return /[。！？!?.…⋯][”’」』）)"']*\s*$/u.test(text);
}

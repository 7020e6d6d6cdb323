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

/*
 * Punctuation sets and credit-line patterns: the one place they are spelled
 * out, so cleaning text dumps, finding overprint and classifying blocks agree.
 */
const ZH_CLAUSE = '，。、；：！？';
const ZH_QUOTES = '“”‘’《》（）';
const ZH_BRACKETS = '〈〉「」『』【】';
const LATIN_CLAUSE = ',;:!?';

/** Clause or sentence punctuation, Chinese or Latin: a line with none is a heading candidate. */
export const CLAUSE_PUNCT = new RegExp(`[${ZH_CLAUSE}${ZH_QUOTES}${LATIN_CLAUSE}]`);

/** Punctuation that never doubles in real text: a doubled one is overprint evidence ("⋯⋯", "……", "——" are normal pairs and so are absent). */
export const NEVER_DOUBLED = new RegExp(`[${ZH_CLAUSE}${ZH_QUOTES}${ZH_BRACKETS}·${LATIN_CLAUSE}()]`);

/** CJK punctuation, including the CJK Symbols block and full-width forms. */
export const CJK_PUNCT = new RegExp(`[${ZH_CLAUSE}${ZH_QUOTES}${ZH_BRACKETS}〔〕·…⋯—\\u3000-\\u303F\\uFF01-\\uFF0F\\uFF1A-\\uFF20]`);

/** A credit line: reporter, correspondent, photographer ("□记者 潘燕佳", "本报记者", "文/…", "By …"). */
export const BYLINE = /^[□■◇◆●○]*\s*(?:(?:本报)?(?:特约)?(?:记者|通讯员|实习生|撰稿|摄影|文\s*[/／]|图\s*[/／])|By\s|BY\s)/;

/** The box a Chinese paper opens a credit line with. */
export const BYLINE_MARK = /^[□■]/;

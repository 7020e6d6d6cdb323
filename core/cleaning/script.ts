/**
 * Character classes that cleaning and joining depend on, and the one spacing
 * policy both pipelines (PDF and text dump) apply. CJK text has no spaces
 * between words, so a space between two CJK characters is layout
 * (justification), never content, except a single phrase gap in a line that
 * is not letter-spaced ("□记者 王明", "世界五金之都 品质活力永康").
 *
 * Classes come from Unicode script properties: a character is CJK when its
 * script extensions include Han, Hiragana, Katakana, Hangul or Bopomofo (that
 * covers 。、《》「」〜々ー), or when it is a full-width form (，；：！？（）％:
 * script Common, but set on the CJK grid). Typographic punctuation shared by
 * both worlds (“ ” ‘ ’ — – … ⋯ ·) is neutral and takes the class of its
 * neighbours, so English keeps "wrote that “the war is over.” The people"
 * and Chinese keeps "他说：“我们”" tight.
 */

const CJK_SCRIPT = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}\p{scx=Bopomofo}]/u;
/** Halfwidth and Fullwidth Forms: full-width punctuation is script Common, full-width letters are Latin, all sit on the CJK grid. */
const FULLWIDTH = /[\uFF01-\uFF60\uFFE0-\uFFE6]/u;
const NEUTRAL = new Set(['“', '”', '‘', '’', '—', '–', '…', '⋯', '·', '―']);

/** Typographic punctuation used by both CJK and Latin text: judged by its neighbours. */
export function isNeutral(ch: string): boolean {
  return NEUTRAL.has(ch);
}

/** CJK ideographs, kana, hangul, CJK punctuation and full-width forms (not the neutral marks). */
export function isCjk(ch: string): boolean {
  if (NEUTRAL.has(ch)) return false;
  return CJK_SCRIPT.test(ch) || FULLWIDTH.test(ch);
}

/** Characters set one em wide: CJK and, in CJK fonts, the neutral marks (a width estimate, not a spacing rule). */
export function isWide(ch: string): boolean {
  return isCjk(ch) || NEUTRAL.has(ch);
}

export function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00A0' || ch === '\u3000';
}

export function isLatinLetter(ch: string): boolean {
  return /\p{Script=Latin}/u.test(ch);
}

/** CJK (or neutral) punctuation: a space next to it in CJK text is never a phrase gap. */
export function isCjkPunct(ch: string): boolean {
  return /[\p{P}\p{S}]/u.test(ch) && (isCjk(ch) || NEUTRAL.has(ch));
}

/** Sentence-final punctuation in Chinese and Latin text, with closing quotes/brackets allowed after it. */
export function endsSentence(text: string): boolean {
  return /[。！？!?.…⋯][”’」』）)"']*\s*$/u.test(text);
}

/**
 * Whether the character at `chars[i]` counts as CJK for spacing. A neutral
 * mark looks away from the gap being judged (`away` = -1: leftwards, +1:
 * rightwards) for the nearest non-neutral, non-space character, then the
 * other way; a line of neutral marks alone is not CJK.
 */
export function cjkForSpacing(chars: ArrayLike<string>, i: number, away: -1 | 1): boolean {
  const ch = chars[i];
  if (!NEUTRAL.has(ch)) return isCjk(ch);
  for (const dir of [away, -away]) {
    for (let k = i + dir; k >= 0 && k < chars.length; k += dir) {
      const c = chars[k];
      if (NEUTRAL.has(c)) continue;
      if (isSpace(c)) break;
      return isCjk(c);
    }
  }
  return false;
}

export type SpaceDecision = 'keep' | 'justification-space';

/**
 * The one spacing policy: what happens to a raw space between `prev` and
 * `next` (the characters either side, CJK-ness already resolved). Between two
 * CJK characters it is justification, unless the line is not letter-spaced
 * and both are letters (a phrase gap); between CJK and anything else it is
 * kept unless the line is letter-spaced; between two non-CJK characters it
 * is a word space.
 */
export function spaceBetween(prevCjk: boolean, nextCjk: boolean, prev: string, next: string, letterSpaced: boolean): SpaceDecision {
  if (!prevCjk && !nextCjk) return 'keep';
  // A letter-spaced line spreads space around everything, digits too ("建 设 7 个").
  if (letterSpaced) return 'justification-space';
  // Beside a digit or Latin word the space is as drawn ("2020 年").
  if (!prevCjk || !nextCjk) return 'keep';
  return !isCjkPunct(prev) && !isCjkPunct(next) ? 'keep' : 'justification-space';
}

/** Whether a line break or a gap with no raw space between `prev` and `next` reads as a word space: never next to CJK. */
export function insertsSpace(prevCjk: boolean, nextCjk: boolean): boolean {
  return !prevCjk && !nextCjk;
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


/** A credit line: reporter, correspondent, photographer ("□记者 潘燕佳", "本报记者", "文/…", "By …"). */
export const BYLINE = /^[□■◇◆●○]*\s*(?:(?:本报)?(?:特约)?(?:记者|通讯员|实习生|撰稿|摄影|文\s*[/／]|图\s*[/／])|By\s|BY\s)/;

/** The box a Chinese paper opens a credit line with. */
export const BYLINE_MARK = /^[□■]/;

/**
 * Folding for search: the same at index and query time, so "ＷＡＳＨＩＮＧＴＯＮ",
 * "Washington" and "wäshington" meet, and full-width digits equal half-width.
 * NFKC (compatibility forms, full/half width), lower case, and combining marks
 * dropped after Latin, Greek and Cyrillic letters (é → e). Marks on kana (the
 * voicing marks of が) are kept: they change the word.
 *
 * Folding changes lengths (ﬁ → fi, ㈱ → (株)), so it returns a map from every
 * folded UTF-16 unit back to the original one, which is how a hit found in
 * folded text is located in the cleaned text, its blocks and the page.
 */

export interface Folded {
  text: string;
  /** map[i] = index in the original string of the character folded[i] came from; map[text.length] = original length. */
  map: number[];
}

const MARK = /\p{M}/u;
const STRIPPABLE_BASE = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const SPACE = /\s/u;

export function foldWithMap(input: string): Folded {
  let text = '';
  const map: number[] = [];
  let lastBaseStrippable = false;
  for (let i = 0; i < input.length; ) {
    const cp = input.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    let out: string;
    if (SPACE.test(ch)) out = ' ';
    else {
      // Decompose, then drop the marks that only accent a Latin/Greek/Cyrillic letter.
      let decomposed = '';
      for (const part of ch.normalize('NFKC').normalize('NFD')) {
        if (MARK.test(part)) {
          if (!lastBaseStrippable && !STRIPPABLE_BASE.test(decomposed.slice(-1))) decomposed += part;
        } else decomposed += part;
      }
      out = decomposed.normalize('NFC').toLowerCase();
      if (out.length > 0 && !MARK.test(out)) lastBaseStrippable = STRIPPABLE_BASE.test(out);
    }
    for (let k = 0; k < out.length; k++) map.push(i);
    text += out;
    i += ch.length;
  }
  map.push(input.length);
  return { text, map };
}

export function fold(input: string): string {
  return foldWithMap(input).text;
}

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

/**
 * One character's folding depends only on the character and on whether the
 * last base letter was Latin/Greek/Cyrillic (which decides if a following
 * mark is dropped), so results are memoized on that pair: indexing folds
 * tens of millions of characters and per-character normalization would
 * dominate its cost.
 */
const memo = [new Map<number, [string, boolean]>(), new Map<number, [string, boolean]>()];

function foldChar(cp: number, lastBaseStrippable: boolean): [string, boolean] {
  const cache = memo[lastBaseStrippable ? 1 : 0];
  const hit = cache.get(cp);
  if (hit) return hit;
  const ch = String.fromCodePoint(cp);
  let result: [string, boolean];
  if (SPACE.test(ch)) result = [' ', lastBaseStrippable];
  else {
    // Decompose, then drop the marks that only accent a Latin/Greek/Cyrillic letter.
    let decomposed = '';
    for (const part of ch.normalize('NFKC').normalize('NFD')) {
      if (MARK.test(part)) {
        if (!lastBaseStrippable && !STRIPPABLE_BASE.test(decomposed.slice(-1))) decomposed += part;
      } else decomposed += part;
    }
    const out = decomposed.normalize('NFC').toLowerCase();
    result = [out, out.length > 0 && !MARK.test(out) ? STRIPPABLE_BASE.test(out) : lastBaseStrippable];
  }
  if (cache.size < 100_000) cache.set(cp, result);
  return result;
}

export function foldWithMap(input: string): Folded {
  // The text is fold()'s (one slice per unchanged run); the map walks the same characters.
  const map: number[] = [];
  let state = false;
  for (let i = 0; i < input.length; ) {
    const cp = input.codePointAt(i)!;
    if (cp >= 0x4e00 && cp <= 0x9fff) {
      map.push(i);
      state = false;
      i++;
      continue;
    }
    const [out, next] = foldChar(cp, state);
    state = next;
    for (let k = 0; k < out.length; k++) map.push(i);
    i += cp > 0xffff ? 2 : 1;
  }
  map.push(input.length);
  return { text: fold(input), map };
}

export function fold(input: string): string {
  // Most characters (all of a Chinese page's ideographs) fold to themselves: copy unchanged runs in one
  // slice instead of a character at a time, and return the input itself when nothing changed.
  let out = '';
  let runStart = 0;
  let changed = false;
  let state = false;
  for (let i = 0; i < input.length; ) {
    const cp = input.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (cp >= 0x4e00 && cp <= 0x9fff) {
      state = false;
      i++;
      continue;
    }
    const [f, next] = foldChar(cp, state);
    state = next;
    if (f.length !== width || f.codePointAt(0) !== cp) {
      out += input.slice(runStart, i) + f;
      runStart = i + width;
      changed = true;
    }
    i += width;
  }
  return changed ? out + input.slice(runStart) : input;
}

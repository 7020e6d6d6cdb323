import { isCjkChar, isWordChar } from './tokenize.ts';

/**
 * The terms the archive index stores for a folded text, space-separated, so
 * SQLite FTS5 (ascii tokenizer) sees each CJK pair or Latin word as exactly
 * one token. Same cuts as tokenize.ts, plus one token: the last character of
 * every CJK run of two or more is repeated on its own after the run's pairs.
 * That trailing token lets a one-character query find a character that ends
 * a run ("工" in "职工" is then the prefix of some token), and it stops a
 * phrase from matching across a run break: "大陈，陈村" gives
 * 大陈 陈 陈村, so the pairs 大陈 陈村 are not adjacent and "大陈村" does not match.
 *
 * Indexing runs over tens of millions of characters, so characters are
 * classified through a table, filled from the same predicates as the
 * tokenizer, rather than by a regular expression each.
 */

const SEPARATOR = 0;
const WORD = 1;
const CJK = 2;
const UNKNOWN = 255;

let bmp: Uint8Array | null = null;

/**
 * Classes of BMP code points, each worked out the first time it is seen:
 * classifying all 65,536 up front cost a one-shot CLI search 12 ms of CPU,
 * and a page uses a few thousand.
 */
function table(): Uint8Array {
  return (bmp ??= new Uint8Array(0x10000).fill(UNKNOWN));
}

function classify(ch: string): number {
  return isCjkChar(ch) ? CJK : isWordChar(ch) ? WORD : SEPARATOR;
}

function classOf(cp: number, t: Uint8Array): number {
  if (cp < 0x10000) {
    const c = t[cp];
    return c !== UNKNOWN ? c : (t[cp] = classify(String.fromCharCode(cp)));
  }
  return classify(String.fromCodePoint(cp));
}

/** Space-separated index terms of already-folded text. */
export function indexTerms(folded: string): string {
  const t = table();
  const parts: string[] = [];
  let i = 0;
  const n = folded.length;
  while (i < n) {
    const cp = folded.codePointAt(i)!;
    const cls = classOf(cp, t);
    const width = cp > 0xffff ? 2 : 1;
    if (cls === SEPARATOR) {
      i += width;
      continue;
    }
    const start = i;
    if (cls === WORD) {
      i += width;
      while (i < n) {
        const c = folded.codePointAt(i)!;
        if (classOf(c, t) !== WORD) break;
        i += c > 0xffff ? 2 : 1;
      }
      parts.push(folded.slice(start, i));
      continue;
    }
    // A CJK run: overlapping pairs, then the run's last character alone (or the lone character).
    let prev = start;
    i += width;
    while (i < n) {
      const c = folded.codePointAt(i)!;
      if (classOf(c, t) !== CJK) break;
      const w = c > 0xffff ? 2 : 1;
      parts.push(folded.slice(prev, i + w));
      prev = i;
      i += w;
    }
    parts.push(folded.slice(prev, i));
  }
  return parts.join(' ');
}

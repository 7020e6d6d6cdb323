import type { CharSource } from '../page-model.ts';
import { IntReader, IntWriter } from './varint-text.ts';

/**
 * The per-character offset map (Block.map) run-length coded. A cleaned block
 * is mostly whole raw items in order (a scan's OCR words, a typesetter's
 * runs), so the map is runs: "characters start…start+n of item i", or "n
 * characters cleaning inserted" ([-1, -1]). Each run is a header
 * `kind + 4 × zigzag(item − (previous item + 1))`, then what the kind needs:
 *
 *   kind 0  the whole item from its first character (nothing more)
 *   kind 1  n inserted characters (the header carries n instead of an item)
 *   kind 2  `start`, `n` characters of the item
 *   kind 3  `start`, to the item's end
 *
 * so a word of an OCR line costs one character of text instead of ~10 bytes
 * of JSON a character. Lossless for any map: runs the shortcuts do not fit
 * (an index past the item's end, an unusual negative) take kind 2.
 */

const WHOLE = 0;
const INSERTED = 1;
const SPAN = 2;
const TO_END = 3;

const zig = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);
const unzig = (u: number) => (u % 2 === 0 ? u / 2 : -(u + 1) / 2);

/** `itemLength(i)`: UTF-16 length of raw item i's text, or -1 when there is no such item. */
export type ItemLength = (item: number) => number;

export function encodeCharMap(map: readonly CharSource[], itemLength: ItemLength): string {
  const w = new IntWriter();
  let prev = -1;
  let k = 0;
  while (k < map.length) {
    // Indexed reads: unoptimized destructuring (a worker's first pages) walks an iterator.
    const source = map[k];
    const item = source[0], char = source[1];
    let end = k + 1;
    if (item === -1 && char === -1) {
      while (end < map.length && map[end][0] === -1 && map[end][1] === -1) end++;
      w.pushUnsigned(INSERTED + 4 * (end - k));
      k = end;
      continue;
    }
    while (end < map.length && map[end][0] === item && map[end][1] === char + (end - k)) end++;
    const n = end - k;
    const d = zig(item - (prev + 1));
    const len = itemLength(item);
    if (char === 0 && n === len) w.pushUnsigned(WHOLE + 4 * d);
    else if (len >= 0 && char >= 0 && char + n === len) {
      w.pushUnsigned(TO_END + 4 * d);
      w.push(char);
    } else {
      w.pushUnsigned(SPAN + 4 * d);
      w.push(char);
      w.push(n);
    }
    prev = item;
    k = end;
  }
  return w.toString();
}

export function decodeCharMap(text: string, itemLength: ItemLength): CharSource[] {
  const r = new IntReader(text);
  const map: CharSource[] = [];
  let prev = -1;
  while (!r.done) {
    const header = r.nextUnsigned();
    const kind = header % 4;
    const x = (header - kind) / 4;
    if (kind === INSERTED) {
      for (let i = 0; i < x; i++) map.push([-1, -1]);
      continue;
    }
    const item = prev + 1 + unzig(x);
    let start = 0;
    let n: number;
    if (kind === WHOLE) n = itemLength(item);
    else if (kind === TO_END) {
      start = r.next();
      n = itemLength(item) - start;
    } else {
      start = r.next();
      n = r.next();
    }
    if (n < 0) throw new Error(`char map: run points at missing item ${item}`);
    for (let i = 0; i < n; i++) map.push([item, start + i]);
    prev = item;
  }
  return map;
}

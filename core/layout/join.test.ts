import { describe, expect, it } from 'vitest';
import type { RawItem } from '../page-model.ts';
import { buildGlyphs } from './glyphs.ts';
import { JoinBuffer, joinLines, makeJoinContext } from './join.ts';
import { buildLines, buildSegments } from './lines.ts';
import { advance, item, page } from '../../test-support/synthetic-page.ts';

describe('JoinBuffer', () => {
  it('grows past its capacity and gives back text and map in step', () => {
    const buf = new JoinBuffer(2);
    const s = 'ab\u{20000}c';
    for (let k = 0; k < s.length; k++) buf.push(s.charCodeAt(k), 7, k);
    buf.push(0x20, -1, -1);
    expect(buf.text()).toBe('ab\u{20000}c ');
    expect(buf.map()).toEqual([[7, 0], [7, 1], [7, 2], [7, 3], [7, 4], [-1, -1]]);
  });

  it('makes a block longer than one fromCharCode chunk, and maps of any length, whole', () => {
    const buf = new JoinBuffer();
    const n = 70_000;
    for (let k = 0; k < n; k++) buf.push(0x4e00 + (k % 500), k >> 3, k & 7);
    const text = buf.text();
    expect(text.length).toBe(n);
    expect(text.charCodeAt(4096)).toBe(0x4e00 + (4096 % 500));
    expect(text.charCodeAt(n - 1)).toBe(0x4e00 + ((n - 1) % 500));
    const map = buf.map();
    expect(map.length).toBe(n);
    expect(map[n - 1]).toEqual([(n - 1) >> 3, (n - 1) & 7]);
  });

  it('starts each block afresh when reset', () => {
    const buf = new JoinBuffer();
    buf.push(0x41, 0, 0);
    buf.n = 0;
    buf.push(0x42, 1, 0);
    expect(buf.text()).toBe('B');
    expect(buf.map()).toEqual([[1, 0]]);
  });
});

describe('joinLines', () => {
  const SIZE = 10;
  /** One line of words, each its own item (as an OCR layer has them), at `baseline`. */
  function line(words: string[], baseline: number): RawItem[] {
    let x = 50;
    return words.map((w) => {
      const it = item(w, x, baseline, SIZE);
      x += advance(w, SIZE) + 4;
      return it;
    });
  }

  function join(items: RawItem[], lineBreaks = false) {
    const p = page(items);
    const g = buildGlyphs(p);
    const removed = new Uint8Array(g.count);
    const lines = buildLines(g, buildSegments(g, removed));
    const ctx = makeJoinContext(p, g, removed);
    return { p, ctx, ...joinLines(ctx, lines, { lineBreaks }) };
  }

  it('joins words with inserted spaces, rejoins a hyphenated word and drops its hyphen, mapping every char to its source', () => {
    const { p, ctx, text, map } = join([...line(['The', 'com-'], 100), ...line(['mittee', 'met', '\u{1D400}x'], 114)]);
    expect(text).toBe('The committee met \u{1D400}x');
    expect(map.length).toBe(text.length);
    map.forEach(([i, c], k) => expect(i < 0 ? ' ' : p.items[i].str[c]).toBe(text[k]));
    // The dropped hyphen is recorded for its Edit.
    expect([...ctx.hyphens].filter(Boolean).length).toBe(1);
  });

  it('keeps heading lines apart with a newline, and the same buffer serves the next block', () => {
    const items = [...line(['Great', 'News'], 100), ...line(['For', 'All'], 114)];
    const p = page(items);
    const g = buildGlyphs(p);
    const removed = new Uint8Array(g.count);
    const lines = buildLines(g, buildSegments(g, removed));
    const ctx = makeJoinContext(p, g, removed);
    const head = joinLines(ctx, lines, { lineBreaks: true });
    expect(head.text).toBe('Great News\nFor All');
    expect(head.map[10]).toEqual([-1, -1]);
    const second = joinLines(ctx, lines.slice(1));
    expect(second.text).toBe('For All');
    expect(second.map).toEqual([[2, 0], [2, 1], [2, 2], [-1, -1], [3, 0], [3, 1], [3, 2]]);
  });

  it('joins a block longer than the buffer starts with', () => {
    const words = Array.from({ length: 600 }, (_, k) => `w${k}`);
    const items: RawItem[] = [];
    for (let l = 0; l < 60; l++) items.push(...line(words.slice(l * 10, l * 10 + 10), 100 + l * 14));
    const { text, map } = join(items);
    expect(text).toBe(words.join(' '));
    expect(map.length).toBe(text.length);
  });
});

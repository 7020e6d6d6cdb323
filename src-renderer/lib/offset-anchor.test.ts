import { describe, expect, it } from 'vitest';
import type { Block, CharSource, RawItem } from '../../core/page-model.ts';
import { createOffsetAnchors, firstVisible, followerScrollTop, leaderSpot } from './offset-anchor.ts';

const item = (str: string): RawItem => ({ str, eol: true, font: 'f', size: 10, transform: [10, 0, 0, 10, 0, 0], rect: [0, 0, 10, 10] });
const block = (i: number, text: string, map: CharSource[]): Block => ({ id: `p1b${i}`, kind: 'paragraph', text, rects: [], map });

// Content-stream order differs from reading order: item 2 is read first.
// Item 1 is a whole overprint copy that cleaning dropped.
const items = [item('abcd'), item('abcd'), item('XYZ'), item('efgh')];
const blocks = [
  block(0, 'XYZ', [
    [2, 0],
    [2, 1],
    [2, 2],
  ]),
  block(1, 'abcd efgh', [
    [0, 0],
    [0, 1],
    [0, 2],
    [0, 3],
    [-1, -1],
    [3, 0],
    [3, 1],
    [3, 2],
    [3, 3],
  ]),
];
const anchors = createOffsetAnchors(items, blocks);

describe('cleaned → raw', () => {
  it('maps a block start to the item its first character came from, not the item at the same index', () => {
    expect(anchors.toRaw({ index: 0, fraction: 0 })).toEqual({ index: 2, fraction: 0 });
    expect(anchors.toRaw({ index: 1, fraction: 0 })).toEqual({ index: 0, fraction: 0 });
  });
  it('follows a position inside the block into the right item and character', () => {
    // Char 6 of "abcd efgh" is "f": item 3, char 1 of 4.
    expect(anchors.toRaw({ index: 1, fraction: 6 / 9 })).toEqual({ index: 3, fraction: 0.25 });
  });
  it('skips characters cleaning inserted', () => {
    // Char 4 is the inserted space: the next source character is item 3's first.
    expect(anchors.toRaw({ index: 1, fraction: 4 / 9 })).toEqual({ index: 3, fraction: 0 });
  });
  it('is null past the last block', () => {
    expect(anchors.toRaw({ index: 5, fraction: 0 })).toBeNull();
  });
});

describe('raw → cleaned', () => {
  it('finds the block that holds an item, wherever reading order put it', () => {
    expect(anchors.toCleaned({ index: 2, fraction: 0 })).toEqual({ index: 0, fraction: 0 });
    expect(anchors.toCleaned({ index: 3, fraction: 0.5 })).toEqual({ index: 1, fraction: 7 / 9 });
  });
  it('sends a dropped overprint item to the text after it', () => {
    expect(anchors.toCleaned({ index: 1, fraction: 0 })).toEqual(anchors.toCleaned({ index: 2, fraction: 0 }));
  });
  it('round-trips block starts', () => {
    for (let b = 0; b < blocks.length; b++) expect(anchors.toCleaned(anchors.toRaw({ index: b, fraction: 0 })!)).toEqual({ index: b, fraction: 0 });
  });
  it('falls back to the last kept text when nothing after the item was kept', () => {
    const tail = createOffsetAnchors([...items, item('gone')], blocks);
    expect(tail.toCleaned({ index: 4, fraction: 0 })).toEqual({ index: 1, fraction: 8 / 9 });
  });
});

describe('geometry', () => {
  const boxes = [
    { top: 10, height: 40 },
    { top: 60, height: 20 },
    { top: 90, height: 100 },
  ];
  it('finds the first element whose bottom is below the viewport top', () => {
    expect(firstVisible(3, (i) => boxes[i], 0)).toBe(0);
    expect(firstVisible(3, (i) => boxes[i], 50)).toBe(1);
    expect(firstVisible(3, (i) => boxes[i], 79)).toBe(1);
    expect(firstVisible(3, (i) => boxes[i], 80)).toBe(2);
    expect(firstVisible(3, (i) => boxes[i], 500)).toBe(-1);
    expect(firstVisible(0, (i) => boxes[i], 0)).toBe(-1);
  });
  it('measures how far into its anchor the leader is scrolled', () => {
    expect(leaderSpot(boxes[2], 140)).toEqual({ fraction: 0.5, gap: 0 });
    expect(leaderSpot(boxes[0], 0)).toEqual({ fraction: 0, gap: 10 });
  });
  it('puts the follower anchor at the same height, clamped to its scroll range', () => {
    expect(followerScrollTop({ top: 300, height: 40 }, 0.5, 0, 1000)).toBe(320);
    expect(followerScrollTop({ top: 300, height: 40 }, 0, 10, 1000)).toBe(290);
    expect(followerScrollTop({ top: 300, height: 40 }, 0, 0, 200)).toBe(200);
    expect(followerScrollTop({ top: 5, height: 40 }, 0, 10, 200)).toBe(0);
  });
});

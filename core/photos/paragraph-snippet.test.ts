import { expect, it } from 'vitest';
import { paragraphSnippet } from './paragraph-snippet.ts';

it('keeps the first eight words and marks the rest with an ellipsis', () => {
  expect(paragraphSnippet('The council met on Tuesday evening to hear the report of the bridge committee.')).toBe('The council met on Tuesday evening to hear …');
});

it('gives a short paragraph whole, its spacing made single', () => {
  expect(paragraphSnippet('  Fire at the\n  mill.  ')).toBe('Fire at the mill.');
  expect(paragraphSnippet('one two three four five six seven eight')).toBe('one two three four five six seven eight');
});

it('cuts a run without spaces (Chinese) at twenty characters', () => {
  expect(paragraphSnippet('区域职工活动中心面积500平方米，于今年五月正式对外开放，欢迎大家。')).toBe('区域职工活动中心面积500平方米，于今年…');
  expect(paragraphSnippet('大陈村 区域职工活动中心面积500平方米，于今年五月正式对外开放。')).toBe('大陈村 区域职工活动中心面积500平方米，于今年…');
  expect(paragraphSnippet('区域职工活动中心面积500平方米。')).toBe('区域职工活动中心面积500平方米。');
});

it('is empty for an empty paragraph', () => {
  expect(paragraphSnippet(' \n ')).toBe('');
});

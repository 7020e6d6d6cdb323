import { describe, expect, it } from 'vitest';
import type { ViewItem } from '../../core/page-view/page-view-codec.ts';
import { diffSegments, segmentsByItem } from './diff-segments.ts';
import { rawRuns } from './raw-text-dom.ts';

const item = (str: string, eol = false): ViewItem => ({ str, eol, rect: [0, 0, 1, 1] });
const items = [item('Tho', false), item('usands', true), item('Will Get', true), item('In-', true), item('crease.', false)];
const rawText = 'Thousands\nWill Get\nIn-\ncrease.';
const textOf = (runs: ReturnType<typeof rawRuns>) => runs.map((r) => ('marker' in r ? '' : 'del' in r ? r.del : r.text)).join('');

describe('rawRuns', () => {
  it('gives the raw text character for character, a marker at each line start, plain text joined between them', () => {
    const pieces = segmentsByItem(items, null);
    const runs = rawRuns(pieces, 0, pieces.length);
    expect(textOf(runs)).toBe(rawText);
    expect(runs).toEqual([{ marker: 0 }, { text: 'Thousands\n' }, { marker: 2 }, { text: 'Will Get\n' }, { marker: 3 }, { text: 'In-\n' }, { marker: 4 }, { text: 'crease.' }]);
  });

  it('marks removals as their own runs with the edit and reason', () => {
    const edits = [{ item: 3, start: 2, end: 3, reason: 'hyphenation' as const }];
    const pieces = segmentsByItem(items, diffSegments(items, edits));
    const runs = rawRuns(pieces, 0, pieces.length);
    expect(textOf(runs)).toBe(rawText);
    expect(runs.filter((r) => 'del' in r)).toEqual([{ del: '-', edit: 0, reason: 'hyphenation' }]);
  });

  it('builds a window of the pieces in steps that join up to the whole', () => {
    const pieces = segmentsByItem(items, null);
    const steps = [rawRuns(pieces, 0, 2), rawRuns(pieces, 2, 4), rawRuns(pieces, 4, 99)];
    expect(steps.map(textOf).join('')).toBe(rawText);
    expect(rawRuns(pieces, 5, 5)).toEqual([]);
  });
});

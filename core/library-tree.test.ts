import { describe, expect, it } from 'vitest';
import { adjacentInIssue, buildLibraryTree, issueKey, monthGrid, type TreeDocument } from './library-tree.ts';

const doc = (id: string, over: Partial<TreeDocument>): TreeDocument => ({ id, newspaper: '', date: '', edition: '', page: null, pageCount: 1, fileName: `${id}.pdf`, ...over });

describe('buildLibraryTree', () => {
  it('groups pages into issues by their METS key and orders them by sequence, not file name', () => {
    const tree = buildLibraryTree([
      doc('b', { lccn: 'sn1', newspaper: 'Gazette', date: '1901-02-03', edition: '01', issue: 'sn1/1901-02-03/01', sequence: 2, fileName: '0001.pdf' }),
      doc('a', { lccn: 'sn1', newspaper: 'Gazette', date: '1901-02-03', edition: '01', issue: 'sn1/1901-02-03/01', sequence: 1, fileName: '0002.pdf' }),
      doc('c', { lccn: 'sn1', newspaper: 'Gazette', date: '1901-02-03', edition: '02', issue: 'sn1/1901-02-03/02', sequence: 1 }),
      doc('d', { lccn: 'sn1', newspaper: 'Gazette', date: '1900-12-31', edition: '01', issue: 'sn1/1900-12-31/01', sequence: 1 }),
    ]);
    expect(tree).toHaveLength(1);
    expect([...tree[0].years.keys()]).toEqual([1900, 1901]);
    expect(tree[0].years.get(1901)!.map((i) => [i.key, i.pages.map((p) => p.id)])).toEqual([
      ['sn1/1901-02-03/01', ['a', 'b']],
      ['sn1/1901-02-03/02', ['c']],
    ]);
  });

  it('groups plain files of one newspaper and day into one issue by printed page, and keeps undated files apart', () => {
    const tree = buildLibraryTree([
      doc('p2', { newspaper: 'Evening Star', date: '1918-09-01', page: 2 }),
      doc('p1', { newspaper: 'Evening Star', date: '1918-09-01', page: 1 }),
      doc('x', { newspaper: 'Evening Star' }),
      doc('z', {}),
    ]);
    const star = tree.find((t) => t.name === 'Evening Star')!;
    expect(star.years.get(1918)![0].pages.map((p) => p.id)).toEqual(['p1', 'p2']);
    expect(star.undated.map((d) => d.id)).toEqual(['x']);
    expect(tree.find((t) => t.name === 'Unknown newspaper')!.undated.map((d) => d.id)).toEqual(['z']);
    expect(issueKey(doc('q', { newspaper: 'Star', date: '1918-09-01', edition: '2' }))).toBe('Star/1918-09-01/02');
  });
});

describe('monthGrid', () => {
  it('lays a month out in Monday-first weeks with its issues on their days', () => {
    const issue = { key: 'k', date: '1859-02-21', edition: '01', pages: [] };
    const weeks = monthGrid(1859, 2, [issue]);
    // 1 February 1859 was a Tuesday.
    expect(weeks[0].map((c) => c.day)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(weeks.flat().filter((c) => c.date).length).toBe(28);
    expect(weeks.flat().find((c) => c.date === '1859-02-21')!.issues).toEqual([issue]);
    expect(weeks.every((w) => w.length === 7)).toBe(true);
  });
});

describe('adjacentInIssue', () => {
  it('steps through an issue’s files in page order and stops at its ends', () => {
    const docs = [
      doc('b', { lccn: 'sn1', date: '1901-02-03', issue: 'i', sequence: 2 }),
      doc('a', { lccn: 'sn1', date: '1901-02-03', issue: 'i', sequence: 1 }),
      doc('c', { lccn: 'sn1', date: '1901-02-04', issue: 'j', sequence: 1 }),
    ];
    expect(adjacentInIssue(docs, 'a', 1)?.id).toBe('b');
    expect(adjacentInIssue(docs, 'b', -1)?.id).toBe('a');
    expect(adjacentInIssue(docs, 'b', 1)).toBeNull();
    expect(adjacentInIssue([doc('z', {})], 'z', 1)).toBeNull();
  });
});

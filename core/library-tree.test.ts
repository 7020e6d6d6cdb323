import { describe, expect, it } from 'vitest';
import { adjacentInIssue, buildLibraryTree, issueKey, issuePlace, issuePlaceLabel, monthGrid, pageName, printedPage, titleSummary, type TreeDocument } from './library-tree.ts';

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
    expect(tree.find((t) => t.name === 'Newspaper not named')!.undated.map((d) => d.id)).toEqual(['z']);
    // Files of no newspaper come after every named one, not between them by the letter N.
    const named = buildLibraryTree([doc('o', { newspaper: 'Omaha Bee' }), doc('z', {}), doc('a', { newspaper: 'Alton Telegraph' })]);
    expect(named.map((t) => t.name)).toEqual(['Alton Telegraph', 'Omaha Bee', 'Newspaper not named']);
    // The name is folded, so two spellings of one paper on one day are one issue.
    expect(issueKey(doc('q', { newspaper: 'Star', date: '1918-09-01', edition: '2' }))).toBe('star/1918-09-01/02');
    expect(issueKey(doc('r', { newspaper: 'The Star.', date: '1918-09-01', edition: '02' }))).toBe('star/1918-09-01/02');
  });

  it('lists one newspaper per LCCN, whatever each page\'s METS spells it, named as the Newspaper filter names it', () => {
    const tree = buildLibraryTree([
      doc('a', { lccn: 'sn83045462', newspaper: 'The Evening star', metadataSource: 'mets', date: '1859-02-21', issue: 'sn83045462/1859-02-21/01', sequence: 1 }),
      doc('b', { lccn: 'sn83045462', newspaper: 'Evening star (Washington, D.C.)', metadataSource: 'mets', date: '1918-09-01', issue: 'sn83045462/1918-09-01/01', sequence: 1 }),
      doc('c', { lccn: 'sn83045462', newspaper: 'The Evening star', metadataSource: 'mets', date: '1918-09-01', issue: 'sn83045462/1918-09-01/01', sequence: 2 }),
      // No LCCN, but a spelling the title's pages use once folded: the same paper.
      doc('d', { newspaper: 'Evening Star.', metadataSource: 'guess' }),
      // An LCCN page not named yet is still of its title.
      doc('e', { lccn: 'sn83045462', date: '1870-01-03', issue: 'sn83045462/1870-01-03/01', sequence: 1 }),
      doc('f', { newspaper: 'New-York tribune', metadataSource: 'guess', date: '1901-02-03', page: 1 }),
      doc('g', { newspaper: 'New York Tribune', metadataSource: 'guess', date: '1901-02-03', page: 2 }),
      doc('h', { lccn: 'sn99999999', metadataSource: 'mets', date: '1901-02-03' }),
    ]);
    expect(tree.map((t) => [t.key, t.name, t.lccn])).toEqual([
      ['name:new york tribune', 'New York Tribune', ''],
      ['lccn:sn99999999', 'sn99999999', 'sn99999999'],
      ['lccn:sn83045462', 'The Evening star', 'sn83045462'],
    ]);
    const star = tree[2];
    expect([...star.years.keys()]).toEqual([1859, 1870, 1918]);
    expect(star.years.get(1918)!.map((i) => i.pages.map((p) => p.id))).toEqual([['b', 'c']]);
    expect(star.undated.map((d) => d.id)).toEqual(['d']);
    // Two spellings of one unnamed-LCCN paper on one day: one issue of two pages.
    expect(tree[0].years.get(1901)!.map((i) => i.pages.map((p) => p.id))).toEqual([['f', 'g']]);
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

describe('the place of a page in its issue', () => {
  const page = (id: string, sequence: number, over: Partial<TreeDocument & { pageLabel: string }> = {}) => ({
    id,
    newspaper: 'Evening Star',
    date: '1859-02-21',
    edition: '01',
    page: sequence,
    pageCount: 1,
    fileName: `${id}.pdf`,
    lccn: 'sn83045462',
    issue: 'sn83045462/1859-02-21/01',
    sequence,
    pageLabel: String(sequence),
    ...over,
  });

  it('counts every page of the issue across its files, in page order', () => {
    const docs = [page('c', 3), page('a', 1), page('b', 2, { pageCount: 4, pageLabel: '2' }), page('x', 1, { issue: 'other', date: '1859-02-22' })];
    expect(issuePlace(docs, 'a', 1)).toMatchObject({ page: 1, of: 6, printed: '', hasPrevious: false, hasNext: true });
    // Page 3 of file b is the issue's 4th page, printed 4.
    expect(issuePlace(docs, 'b', 3)).toMatchObject({ page: 4, of: 6, printed: '', hasPrevious: true, hasNext: true });
    expect(issuePlace(docs, 'c', 1)).toMatchObject({ page: 6, of: 6, printed: '3', hasNext: false });
    expect(issuePlaceLabel(issuePlace(docs, 'c', 1)!)).toBe('Page 6 of 6 (printed 3) · Evening Star, 1859-02-21');
    expect(issuePlaceLabel(issuePlace(docs, 'a', 1)!)).toBe('Page 1 of 6 · Evening Star, 1859-02-21');
  });

  it('names a second edition, and is null for a document in no issue', () => {
    const docs = [page('a', 1, { edition: '02', issue: 'sn83045462/1859-02-21/02', pageLabel: 'A1' }), page('u', 1, { date: '', issue: '' })];
    expect(issuePlaceLabel(issuePlace(docs, 'a', 1)!)).toBe('Page 1 of 1 (printed A1) · Evening Star, 1859-02-21, edition 2');
    expect(issuePlace(docs, 'u', 1)).toBeNull();
  });

  it('printed page numbers count on through a multi-page file; a label names only its first page', () => {
    expect(printedPage({ page: 5, pageLabel: '' }, 3)).toBe('7');
    expect(printedPage({ page: null, pageLabel: '5' }, 2)).toBe('6');
    expect(printedPage({ page: null, pageLabel: 'A1' }, 1)).toBe('A1');
    expect(printedPage({ page: null, pageLabel: 'A1' }, 2)).toBe('');
    expect(printedPage({ page: null, pageLabel: '' }, 1)).toBe('');
  });

  it('a page is named by its printed number, with its place in the file where they differ', () => {
    expect(pageName({ page: 7, pageLabel: '' }, 1)).toBe('7 (file page 1)');
    expect(pageName({ page: null, pageLabel: 'A2' }, 1)).toBe('A2 (file page 1)');
    expect(pageName({ page: 3, pageLabel: '3' }, 1)).toBe('3 (file page 1)');
    expect(pageName({ page: 1, pageLabel: '' }, 2)).toBe('2');
    expect(pageName({ page: null, pageLabel: '' }, 4)).toBe('4');
    expect(pageName(null, 4)).toBe('4');
  });
});

describe('a newspaper’s line in the browse list', () => {
  it('says what is there, in words, for a named title and for files no newspaper is known for', () => {
    const tree = buildLibraryTree([
      doc('a', { newspaper: 'Evening Star', lccn: 'sn83045462', date: '1859-02-21' }),
      doc('b', { newspaper: 'Evening Star', lccn: 'sn83045462', date: '1870-03-15' }),
      doc('c', { newspaper: 'Evening Star', lccn: 'sn83045462' }),
      doc('d', {}),
      doc('e', {}),
      doc('f', { date: '1918-09-01' }),
    ]);
    expect(titleSummary(buildLibraryTree([doc('g', {})])[0])).toEqual({ name: 'Newspaper not named', meta: '1 file without a date · name them in Details…' });
    expect(tree.map(titleSummary)).toEqual([
      { name: 'Evening Star', meta: '2 issues · 1859–1870 · 1 file without a date · sn83045462' },
      { name: 'Newspaper not named', meta: '1 issue · 1918 · 2 files without a date · name them in Details…' },
    ]);
  });
});

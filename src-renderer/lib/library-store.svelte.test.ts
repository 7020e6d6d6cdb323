import { expect, it } from 'vitest';
import { NO_PLACEMENT, type DocumentSummary, type LibrarySort } from '../../core/library-model.ts';
import { LibraryStore } from './library-store.svelte.ts';

const testDocument = (id: string, over: Partial<DocumentSummary>): DocumentSummary => ({
  ...NO_PLACEMENT,
  ...{ id, sha256: id, kind: 'pdf', fileName: `${id}.pdf`, pageCount: 1, importedAt: '', metadataSource: 'guess' },
  ...{ newspaper: '', date: '', page: null, edition: '', title: '', language: '' },
  ...over,
});

const star = testDocument('a', { newspaper: 'Evening Star', date: '1918-09-01', title: 'Front page' });
const star2 = testDocument('b', { newspaper: 'Evening Star', date: '1859-02-21' });
const renmin = testDocument('c', { newspaper: '人民日报', date: '1978-12-24', fileName: 'renmin.txt', kind: 'text' });

function library(docs: DocumentSummary[] = [star, star2, renmin]) {
  const sorts: LibrarySort[] = [];
  const errors: string[] = [];
  const lib = new LibraryStore({
    list: async (sort) => {
      sorts.push(sort);
      return docs;
    },
    fail: (e) => errors.push((e as Error).message),
  });
  return { lib, sorts, errors };
}

it('lists the library in the sort asked for, with its newspapers alphabetically', async () => {
  const { lib, sorts } = library();
  await lib.refresh('newspaper');
  expect(sorts).toEqual(['newspaper']);
  expect(lib.visible.map((d) => d.id)).toEqual(['a', 'b', 'c']);
  expect(lib.papers).toEqual(['Evening Star', '人民日报']);
  expect(lib.find('c')?.fileName).toBe('renmin.txt');
});

it('filters by words, newspaper and ISO date range together', async () => {
  const { lib } = library();
  await lib.refresh('date');
  lib.newspaper = 'Evening Star';
  expect(lib.visible.map((d) => d.id)).toEqual(['a', 'b']);
  lib.dateFrom = '1900';
  expect(lib.visible.map((d) => d.id)).toEqual(['a']);
  lib.dateFrom = '';
  lib.query = 'front';
  expect(lib.visible.map((d) => d.id)).toEqual(['a']);
  lib.newspaper = '';
  lib.query = '';
  lib.dateTo = '1918-08';
  expect(lib.visible.map((d) => d.id)).toEqual(['b']);
});

it('lists one newspaper per LCCN, named by its METS title, and the filter matches every spelling of it', async () => {
  const mets = testDocument('m', { newspaper: 'The Evening star', lccn: 'sn83045462', metadataSource: 'mets', date: '1870-03-15' });
  const pdfTitle = testDocument('p', { newspaper: 'Evening star.', date: '1918-09-01' });
  const { lib } = library([star, star2, renmin, mets, pdfTitle]);
  await lib.refresh('date');
  expect(lib.papers).toEqual(['The Evening star', '人民日报']);
  lib.newspaper = 'The Evening star';
  expect(lib.visible.map((d) => d.id).sort()).toEqual(['a', 'b', 'm', 'p']);
  // Every page is named as the filter names its title; each keeps its own spelling.
  expect(lib.visible.map((d) => lib.newspaperName(d))).toEqual(Array(4).fill('The Evening star'));
  expect(lib.find('p')?.newspaper).toBe('Evening star.');
  expect(lib.newspaperName(testDocument('x', {}))).toBe('');
});

it('filters by no date while a date field holds text that is no date: not by the last one that was, nor down to nothing', async () => {
  const { lib } = library();
  await lib.refresh('date');
  lib.dateFrom = '1900';
  expect(lib.visible.map((d) => d.id)).toEqual(['a', 'c']);
  // The field now shows "1900-13": its value stays 1900, and the list must not go on filtering by it.
  lib.dateProblem('dateFrom', 'no month 13 (01–12)');
  expect(lib.dateBlocked).toBe(true);
  expect(lib.visible.map((d) => d.id)).toEqual(lib.docs.map((d) => d.id));
  expect(lib.visible.length).toBeGreaterThan(2);
  // The other filters still apply.
  lib.newspaper = '人民日报';
  expect(lib.visible.map((d) => d.id)).toEqual(['c']);
  lib.newspaper = '';
  lib.dateProblem('dateFrom', null);
  expect(lib.dateBlocked).toBe(false);
  expect(lib.visible.map((d) => d.id)).toEqual(['a', 'c']);
});

it('names the newspapers once the whole list is in, not from a first screenful', async () => {
  let whole!: (docs: DocumentSummary[]) => void;
  const lib = new LibraryStore({
    list: (_sort, first) => {
      first?.([star]);
      return new Promise((r) => (whole = r));
    },
    fail: () => {},
  });
  const refreshed = lib.refresh('date');
  expect(lib.visible.map((d) => d.id)).toEqual(['a']);
  expect(lib.papers).toEqual([]);
  whole([star, star2, renmin]);
  await refreshed;
  expect(lib.papers).toEqual(['Evening Star', '人民日报']);
});

it('keeps the last answer when two refreshes overlap, and reports a failed one', async () => {
  const answers: Array<(d: DocumentSummary[]) => void> = [];
  const errors: string[] = [];
  const lib = new LibraryStore({ list: () => new Promise((r) => answers.push(r)), fail: (e) => errors.push(String(e)) });
  const first = lib.refresh('date');
  const second = lib.refresh('date');
  answers[1]([star]);
  answers[0]([star, star2, renmin]);
  await Promise.all([first, second]);
  expect(lib.docs.map((d) => d.id)).toEqual(['a']);

  const failing = new LibraryStore({ list: () => Promise.reject(new Error('library.sqlite: locked')), fail: (e) => errors.push((e as Error).message) });
  await failing.refresh('date');
  expect(errors).toEqual(['library.sqlite: locked']);
  expect(failing.docs).toEqual([]);
});

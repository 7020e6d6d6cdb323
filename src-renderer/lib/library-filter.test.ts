import { expect, it } from 'vitest';
import { filterDocuments, newspapers } from './library-filter.ts';

const docs = [
  { title: 'Front page', newspaper: 'Evening Star', fileName: 'es-1859.pdf', date: '1859-02-21' },
  { title: '来到大陈村', newspaper: '人民日报', fileName: 'cjk.pdf', date: '' },
  { title: 'Markets', newspaper: 'Evening Star', fileName: 'es-1918.pdf', date: '1918-09-01' },
];

it('matches every word against title, newspaper, file name and date, ignoring case', () => {
  expect(filterDocuments(docs, 'evening 1918').map((d) => d.title)).toEqual(['Markets']);
  expect(filterDocuments(docs, '大陈').map((d) => d.fileName)).toEqual(['cjk.pdf']);
  expect(filterDocuments(docs, 'STAR').length).toBe(2);
  expect(filterDocuments(docs, 'star nothing')).toEqual([]);
});
it('returns everything for a blank query', () => {
  expect(filterDocuments(docs, '  ')).toHaveLength(3);
});
it('lists distinct newspapers', () => {
  expect(newspapers([...docs, { newspaper: '' }])).toEqual(['Evening Star', '人民日报']);
});

import { inDateRange } from './library-filter.ts';
it('filters by inclusive date range, partial dates by prefix', () => {
  expect(inDateRange('1918-09-01', '1918-01-01', '1918-12-31')).toBe(true);
  expect(inDateRange('1918-09-01', '1918-09-02', '')).toBe(false);
  expect(inDateRange('1918-09-01', '', '1918-09-01')).toBe(true);
  expect(inDateRange('1918', '1918-05-01', '')).toBe(true);
  expect(inDateRange('', '1900-01-01', '')).toBe(false);
  expect(inDateRange('', '', '')).toBe(true);
});

import { expect, it } from 'vitest';
import { filterDocuments, newspapers } from './library-filter.ts';

const docs = [
  { title: 'Front page', newspaper: 'Evening Star', fileName: 'es-1859.pdf', date: '1859-02-21', lccn: '', metadataSource: 'guess' as const },
  { title: '来到大陈村', newspaper: '人民日报', fileName: 'cjk.pdf', date: '', lccn: '', metadataSource: 'guess' as const },
  { title: 'Markets', newspaper: 'Evening Star', fileName: 'es-1918.pdf', date: '1918-09-01', lccn: '', metadataSource: 'guess' as const },
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
  expect(newspapers([...docs, { newspaper: '', lccn: '', metadataSource: 'guess' }])).toEqual(['Evening Star', '人民日报']);
});
it('lists a title once, however many spellings its pages have', () => {
  const loc = [
    { newspaper: 'The Evening star', lccn: 'sn83045462', metadataSource: 'mets' as const },
    { newspaper: 'Evening star.', lccn: 'sn83045462', metadataSource: 'guess' as const },
  ];
  expect(newspapers([...docs, ...loc])).toEqual(['The Evening star', '人民日报']);
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

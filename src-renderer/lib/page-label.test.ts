import { expect, it } from 'vitest';
import { printedPageLabel } from './page-label.ts';

it('names a page by its printed label or number, as the library list does, and by its place only when neither is known', () => {
  expect(printedPageLabel({ pageLabel: '7', page: null, pageCount: 1 }, 1)).toBe('7');
  expect(printedPageLabel({ pageLabel: 'A1', page: 3, pageCount: 1 }, 1)).toBe('A1');
  expect(printedPageLabel({ pageLabel: '', page: 5, pageCount: 1 }, 1)).toBe('5');
  expect(printedPageLabel({ pageLabel: '', page: null, pageCount: 1 }, 1)).toBe('1');
  expect(printedPageLabel({ pageLabel: '', page: 5, pageCount: 3 }, 2)).toBe('6');
  expect(printedPageLabel({ pageLabel: '', page: null, pageCount: 3 }, 2)).toBe('2');
  expect(printedPageLabel(undefined, 4)).toBe('4');
});

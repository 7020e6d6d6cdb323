import { expect, it } from 'vitest';
import { plural } from './plural.ts';

it('names one thing in the singular and any other count, none included, in the plural', () => {
  expect([0, 1, 2].map((n) => plural(n, 'annotation'))).toEqual(['0 annotations', '1 annotation', '2 annotations']);
  expect(plural(1, 'match', 'matches')).toBe('1 match');
  expect(plural(3, 'match', 'matches')).toBe('3 matches');
});

import { expect, it } from 'vitest';
import { wordAgreement, wordOverlap } from './word-agreement.ts';

it('counts the words two texts share in the same order, exactly', () => {
  expect(wordAgreement('the quick brown fox', 'the  quick\nbrown fox')).toEqual({ ratio: 1, common: 4, a: 4, b: 4 });
  // "fox" read before "brown": one of them is out of order.
  expect(wordAgreement('the quick brown fox', 'the quick fox brown')).toEqual({ ratio: 0.75, common: 3, a: 4, b: 4 });
  // A hyphen left at a line end is another word: "High¬ est" against "Highest".
  expect(wordAgreement('High¬ est, 84', 'Highest, 84')).toEqual({ ratio: 2 / 5, common: 1, a: 3, b: 2 });
  expect(wordAgreement('', '')).toEqual({ ratio: 1, common: 0, a: 0, b: 0 });
});

it('counts the words two texts share whatever their order, each as often as both hold it', () => {
  expect(wordOverlap('the quick brown fox', 'fox brown quick the')).toBe(1);
  expect(wordOverlap('the the the cat', 'the cat cat')).toBe((2 * 2) / 7);
  expect(wordOverlap('', '')).toBe(1);
});

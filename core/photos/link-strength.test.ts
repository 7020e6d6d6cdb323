import { expect, it } from 'vitest';
import { isWeakLink, linkStrengthLabel, WEAK_LINK_SCORE } from './link-strength.ts';

it('calls the first link best only when it is strong enough', () => {
  expect(linkStrengthLabel({ score: 0.82 }, 0)).toBe('best');
  expect(linkStrengthLabel({ score: WEAK_LINK_SCORE }, 0)).toBe('best');
  // The 1918 sample's cartoon: no story on the page, its best candidate scores 0.115.
  expect(linkStrengthLabel({ score: 0.115 }, 0)).toBe('weak/uncertain');
  expect(linkStrengthLabel({ score: 0.7 }, 1)).toBe('');
  expect(linkStrengthLabel({ score: 0.3 }, 1)).toBe('weak/uncertain');
});

it('never calls a link the archivist confirmed or added weak', () => {
  expect(isWeakLink({ score: 0.115, origin: 'confirmed' })).toBe(false);
  expect(linkStrengthLabel({ score: 0, origin: 'added' }, 0)).toBe('best');
  expect(isWeakLink({ score: 0.49 })).toBe(true);
});

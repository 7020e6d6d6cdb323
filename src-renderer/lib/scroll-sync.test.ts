import { expect, it } from 'vitest';
import { proportionalScrollTop } from './scroll-sync.ts';

it('maps the scrolled fraction onto the other panel', () => {
  expect(proportionalScrollTop({ scrollTop: 50, scrollHeight: 200, clientHeight: 100 }, { scrollHeight: 500, clientHeight: 100 })).toBe(200);
  expect(proportionalScrollTop({ scrollTop: 100, scrollHeight: 200, clientHeight: 100 }, { scrollHeight: 150, clientHeight: 100 })).toBe(50);
});
it('stays at the top when either side cannot scroll', () => {
  expect(proportionalScrollTop({ scrollTop: 0, scrollHeight: 100, clientHeight: 100 }, { scrollHeight: 500, clientHeight: 100 })).toBe(0);
  expect(proportionalScrollTop({ scrollTop: 30, scrollHeight: 300, clientHeight: 100 }, { scrollHeight: 80, clientHeight: 100 })).toBe(0);
});

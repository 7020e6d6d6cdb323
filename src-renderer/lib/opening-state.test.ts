import { expect, it } from 'vitest';
import { OPENING_ID, openingBlock } from '../../core/start-answers.ts';
import { openingState } from './opening-state.ts';

/** A page holding `html` as its one data block, as the host writes it (core/start-answers.ts). */
function page(html: string | null): Pick<Document, 'getElementById'> {
  const text = html === null ? null : /<script[^>]*>(.*)<\/script>/.exec(html)![1];
  return { getElementById: (id: string) => (id === OPENING_ID && text !== null ? ({ textContent: text } as HTMLElement) : null) };
}

it("reads how far the backup was when the host served the page, from the host's own block", () => {
  expect(openingState(page(openingBlock({ backup: { done: 512, total: 2048 } }, 9)))).toEqual({ backup: { done: 512, total: 2048 } });
  expect(openingState(page(openingBlock({ backup: { done: 0, total: 0 } }, 9)))).toEqual({ backup: { done: 0, total: 0 } });
  expect(openingState(page(openingBlock({ backup: null }, 0)))).toEqual({ backup: null });
});

it('reads why the library could not be opened, for a page served after it failed', () => {
  const error = '/lib/library.sqlite: table annotations already exists';
  expect(openingState(page(openingBlock({ backup: { done: 0, total: 0 }, error }, 4)))).toEqual({ backup: { done: 0, total: 0 }, error });
  expect(openingState(page('<script>{"backup":null,"error":7}</script>'))).toEqual({ backup: null });
});

it('is null on a page served with the library open, and a page of an opening library without a share when its block is not what the host writes', () => {
  expect(openingState(page(null))).toBe(null);
  expect(openingState(page('<script>{not json</script>'))).toEqual({ backup: null });
  expect(openingState(page('<script>{"backup":{"done":"x","total":3}}</script>'))).toEqual({ backup: null });
  expect(openingState(page('<script>null</script>'))).toEqual({ backup: null });
});

import type { SearchResult } from '../core/search/search-model.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * "No hits" for 職工 while the library prints 职工 (a new-user walk): the results name the box that would find them,
 * and one click ticks it and searches again. With the box ticked, or a query found as typed, nothing is suggested.
 */

let reader: ReaderPage;

test.beforeEach(async ({ app }) => {
  reader = new ReaderPage(app.page);
  await expect(reader.blocks().first()).toBeVisible();
});

test('no hits in one written form names the other form and offers to search both, and the offer ticks the box', async () => {
  // Four searches and a page open: over a minute on a loaded 2-core machine (one run of five took 66 s).
  test.setTimeout(180_000);
  const both = await reader.api<SearchResult>('search.query', { q: '職工', variants: true, limit: 200 });
  expect(both.total).toBeGreaterThan(1);
  const box = reader.searchResults.getByRole('checkbox', { name: 'Match simplified and traditional (职工 = 職工)' });
  // The offer says what it will search for (it read "Match simplified and traditional": which form was that?).
  const offer = reader.searchResults.getByRole('button', { name: 'Search 職工 or 职工', exact: true });

  await reader.search.fill('職工');
  await expect(reader.searchResults.getByRole('status')).toHaveText('No hits');
  const hint = reader.searchResults.getByText(/^The other written form/);
  await expect(hint).toHaveText(`The other written form, 职工, is found in ${both.total} blocks. Search 職工 or 职工`);
  await expect(box).not.toBeChecked();
  await offer.click();
  await expect(box).toBeChecked();
  // The offer is gone: focus is on the box it ticked, not dropped to the page's body.
  await expect(box).toBeFocused();
  await expect(reader.searchHits()).toHaveCount(both.hits.length);
  await expect(offer).toHaveCount(0);

  // Ticked: a query found in neither form says only "No hits".
  await reader.search.fill('火车站');
  await expect(reader.searchResults.getByRole('status')).toHaveText('No hits');
  await expect(hint).toHaveCount(0);

  // Unticked again: a query found as typed suggests nothing either.
  await box.uncheck();
  await reader.search.fill('职工');
  await expect(reader.searchHits().first()).toBeVisible();
  await expect(hint).toHaveCount(0);
});

import type { SearchResult } from '../core/search/search-model.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * Typing a new query while a hit of the old one is open: the page may stay, but the old hit's outline must not
 * (a new-user walk saw the Chinese page keep the red outline of a 职工 hit after searching "evening star").
 */

let reader: ReaderPage;

test.beforeEach(async ({ app }) => {
  reader = new ReaderPage(app.page);
  await expect(reader.blocks().first()).toBeVisible();
});

test('a new query takes the old hit’s outline off the open page, or moves it to the new query’s hit there', async ({ app }) => {
  const cjk = await reader.documentByFile('cjk-overprint.pdf');
  const zh = await reader.api<SearchResult>('search.query', { q: '职工', limit: 200 });
  const first = zh.hits[0];
  expect(first.document).toBe(cjk.id);

  await reader.search.fill('职工');
  await expect(reader.searchHits()).toHaveCount(zh.hits.length);
  await reader.searchHits().first().click();
  await expect(reader.outlines.first()).toHaveAttribute('data-block-id', first.block!);
  await expect(reader.block(first.block!)).toHaveAttribute('data-search-current', '');

  // A query with no hit on this page: the results switch, the page stays, nothing of 职工 stays marked.
  const star = await reader.api<SearchResult>('search.query', { q: 'washington', limit: 200 });
  expect(star.hits.length).toBeGreaterThan(0);
  expect(star.hits.some((h) => h.document === cjk.id)).toBe(false);
  await reader.search.fill('washington');
  await expect(reader.searchHits()).toHaveCount(star.hits.length);
  await expect(reader.block(first.block!)).toBeVisible();
  await expect(reader.outlines).toHaveCount(0);
  await expect(reader.pageHits).toHaveCount(0);
  await expect(reader.currentPageHit).toHaveCount(0);
  await expect(reader.cleaned.locator('[data-search-current]')).toHaveCount(0);
  await saveScreenshot(app.page, 'search-new-query-elsewhere');

  // Back to 职工 (its hit open again), then a query with a hit on this page: that hit is marked instead.
  await reader.search.fill('职工');
  await expect(reader.searchHits()).toHaveCount(zh.hits.length);
  await reader.searchHits().first().click();
  await expect(reader.outlines.first()).toHaveAttribute('data-block-id', first.block!);
  const other = await reader.api<SearchResult>('search.query', { q: '活动', limit: 200 });
  await reader.search.fill('活动');
  await expect(reader.searchHits()).toHaveCount(other.hits.length);
  // The hit now shown is one of 活动 on this very page, and it is the one outlined.
  const shown = reader.searchResults.locator('[aria-current="true"]');
  await expect(shown).toHaveCount(1);
  const here = other.hits[Number(await shown.getAttribute('data-hit-index'))];
  expect([here.document, here.page]).toEqual([cjk.id, first.page]);
  expect(here.block).not.toBe(first.block);
  await expect(reader.outlines.first()).toHaveAttribute('data-block-id', here.block!);
  await expect(reader.block(here.block!)).toHaveAttribute('data-search-current', '');
  await expect(reader.block(first.block!)).not.toHaveAttribute('data-search-current', '');
  await expect(shown.locator('mark').first()).toHaveText('活动');
  await saveScreenshot(app.page, 'search-new-query-here');
});

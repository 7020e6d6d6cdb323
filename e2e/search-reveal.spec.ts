import type { SearchResult } from '../core/search/search-model.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * The current search hit is brought into view in the cleaned text, every time. A new-user walk typed "Washington"
 * and pressed Enter: the hit's document opened with the hit outlined on the page, but the cleaned panel stayed at its
 * top (the text arrives after the hit is chosen, and the panel still held the last page's blocks, whose ids are the
 * same `p1b<n>`); another hit scrolled in only to sit half cut off on the panel's bottom edge. A second walk saw a hit in
 * a newly opened document centred, then left at 90% of the panel's height as the panels below it took their room.
 */

let reader: ReaderPage;

test.beforeEach(async ({ app }) => {
  reader = new ReaderPage(app.page);
  await expect(reader.blocks().first()).toBeVisible();
});

test('Enter in the search box opens each hit with its words in the middle of the cleaned panel', async ({ app }) => {
  test.setTimeout(180_000);
  const truth = await reader.api<SearchResult>('search.query', { q: 'Washington', limit: 200 });
  const cleanedHits = truth.hits.filter((h) => h.layer !== 'raw' && h.block);
  expect(cleanedHits.length).toBeGreaterThan(2);

  await reader.search.click();
  await app.page.keyboard.type('Washington');
  await expect(reader.searchHits()).toHaveCount(truth.hits.length);
  const steps = Math.min(truth.hits.length, 6);
  for (let i = 0; i < steps; i++) {
    await app.page.keyboard.press('Enter');
    await expect(reader.searchHits().nth(i)).toHaveAttribute('aria-current', 'true');
    const hit = truth.hits[i];
    if (hit.layer === 'raw' || !hit.block) continue;
    const current = reader.block(hit.block);
    await expect(current).toHaveAttribute('data-search-current', '', { timeout: 30_000 });
    // Where the hit's words are (or its block, for a corrected one), relative to the panel's visible box.
    await expect.poll(() => reader.currentHitPlacement(), { timeout: 15_000, message: `hit ${i}: ${hit.document} p${hit.page} ${hit.block}` }).toEqual({ inside: true, awayFromEdges: true, centred: true });
    await saveScreenshot(app.page, `search-reveal-${i}`);
  }
});

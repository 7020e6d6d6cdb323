import AxeBuilder from '@axe-core/playwright';
import type { DocumentSummary } from '../core/library-model.ts';
import type { SearchResult } from '../core/search/search-model.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * Searching the sample library as an archivist would: type in the top bar,
 * read the grouped results, open a hit and see it on the page and in the
 * cleaned text, step with Enter/F3, narrow to the open document with Ctrl+F.
 */

let reader: ReaderPage;

test.beforeEach(async ({ app }) => {
  reader = new ReaderPage(app.page);
  await expect(reader.library).toBeVisible();
  await expect(reader.blocks().first()).toBeVisible();
});

test('a word found in the 1918 scan is outlined on the page and highlighted in the cleaned text', async ({ app }) => {
  test.setTimeout(120_000);
  const truth = await reader.api<SearchResult>('search.query', { q: 'Washington', rects: true, limit: 200 });
  const exact = truth.hits.filter((h) => h.exact);
  expect(exact.length).toBeGreaterThan(0);

  await expect(reader.searchRegion).toBeVisible();
  await reader.search.click();
  await app.page.keyboard.type('Washington');
  await expect(reader.searchResults).toBeVisible();
  await expect(reader.searchResults.getByRole('status')).toContainText(`${truth.total} block`);
  await expect(reader.searchHits()).toHaveCount(truth.hits.length);
  await expect(reader.searchHits().first().locator('mark')).toHaveText(/washington/i);

  // The first result in the list is the first exact hit in rank order.
  await reader.searchHits().first().click();
  const hit = exact[0];
  const sample: DocumentSummary = await reader.api<DocumentSummary>('document.get', { id: hit.document });
  await expect(reader.page.getByRole('main')).toHaveAccessibleName(new RegExp(sample.newspaper));

  // On the page: the current hit sits exactly on the matched characters' rectangles.
  await expect(reader.currentPageHit.first()).toBeVisible();
  await reader.expectBoxesOnRects(async () => [await reader.boxOnPage(reader.currentPageHit.first())], [hit.rects![0]], 4);
  // Every hit on the page is outlined, not just the current one.
  const onPage = truth.hits.filter((h) => h.document === hit.document && h.page === hit.page);
  await expect(reader.pageHits).toHaveCount(onPage.flatMap((h) => h.rects!).length);

  // In the cleaned text: the block holding it is marked current and its characters are highlighted.
  await expect(reader.block(hit.block!)).toHaveAttribute('data-search-current', '');
  await expect.poll(() => reader.highlightedText('search-current')).toEqual(hit.ranges.map(() => expect.stringMatching(/^washington$/i)));
  await expect.poll(async () => (await reader.highlightedText()).length).toBeGreaterThan(0);

  await saveScreenshot(app.page, 'search');

  // Enter in the box steps to the next hit; Shift+F3 comes back.
  await reader.search.focus();
  await app.page.keyboard.press('Enter');
  await expect(reader.searchHits().first()).not.toHaveAttribute('aria-current', 'true');
  await expect(reader.searchHits().nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(reader.search).toBeFocused();
  await app.page.keyboard.press('Shift+F3');
  await expect(reader.searchHits().first()).toHaveAttribute('aria-current', 'true');

  for (const scheme of ['light', 'dark'] as const) {
    await app.page.emulateMedia({ colorScheme: scheme });
    // The search controls and results (the reader's own axe check in reader.spec covers the rest; the 1918 page's
    // thousands of text-layer spans make a whole-page run here slow on a busy machine).
    const results = await new AxeBuilder({ page: app.page }).include('header').include('section[aria-labelledby="search-results-heading"]').analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${scheme} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
  }
});

test('a Chinese word is found once per block of the overprinted page, and stepping crosses documents', async ({ app }) => {
  const cjk = await reader.documentByFile('cjk-overprint.pdf');
  const model = await reader.pageModel(cjk.id);
  const truth = await reader.api<SearchResult>('search.query', { q: '职工 OR washington', limit: 200 });
  const zh = truth.hits.filter((h) => h.document === cjk.id);
  // One hit per cleaned block holding the word, though the raw page draws every run twice.
  expect(zh.map((h) => h.block)).toEqual(expect.arrayContaining(model.blocks.filter((b) => b.text.includes('职工')).map((b) => b.id)));
  expect(zh).toHaveLength(model.blocks.filter((b) => b.text.includes('职工')).length);
  const docs = new Set(truth.hits.map((h) => h.document));
  expect(docs.size).toBe(2);
  await reader.search.fill('职工 OR washington');
  await expect(reader.searchHits()).toHaveCount(truth.hits.length);
  const groups = reader.searchResults.getByRole('region');
  await expect(groups).toHaveCount(2);
  // Each group's header names its document as the library does, file names as they are on disk (no upper-casing).
  for (const group of await groups.all()) {
    const label = (await group.getAttribute('aria-label'))!;
    expect(label).toMatch(/[a-z]/);
    expect(await group.getByRole('heading', { level: 3 }).innerText()).toBe(label);
  }
  // F3 from nowhere opens the first hit; once more per remaining hit of the first document moves into the second.
  await reader.cleaned.click({ position: { x: 5, y: 5 } });
  const firstGroupHits = await groups.first().locator('button[data-hit-index]').count();
  for (let i = 0; i <= firstGroupHits; i++) await app.page.keyboard.press('F3');
  await expect(groups.nth(1).locator('button[data-hit-index]').first()).toHaveAttribute('aria-current', 'true');
  // The 1918 scan's page model is large: give it time to arrive on a busy machine.
  await expect(reader.currentPageHit.first()).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await reader.highlightedText('search-current')).length).toBeGreaterThan(0);
});

test('Ctrl+F searches the open document only; typing fast shows the last query’s results', async ({ app }) => {
  const cjk = await reader.documentByFile('cjk-overprint.pdf');
  await reader.open(cjk);
  await expect(reader.blocks().first()).toBeVisible();
  await app.page.keyboard.press('Control+f');
  await expect(reader.search).toBeFocused();
  await expect(reader.searchRegion.getByRole('button', { name: /This document/ })).toBeVisible();
  await app.page.keyboard.type('活动', { delay: 30 });
  const truth = await reader.api<SearchResult>('search.query', { q: '活动', document: cjk.id, limit: 200 });
  await expect(reader.searchHits()).toHaveCount(truth.hits.length);
  await expect(reader.searchResults.getByRole('region')).toHaveCount(1);
  // Keep typing: the list follows the final query, never a stale one.
  await app.page.keyboard.type('中心', { delay: 10 });
  const narrower = await reader.api<SearchResult>('search.query', { q: '活动中心', document: cjk.id, limit: 200 });
  await expect(reader.searchHits()).toHaveCount(narrower.hits.length);
  for (const h of await reader.searchHits().all()) await expect(h.locator('mark').first()).toHaveText('活动中心');
  // Back to the whole archive, then Escape clears the box and brings the library back.
  await reader.searchRegion.getByRole('button', { name: /This document/ }).click();
  await reader.search.focus();
  await app.page.keyboard.press('Escape');
  await expect(reader.searchResults).toHaveCount(0);
  await expect(reader.library).toBeVisible();
});

test('Esc inside the results leaves them and puts focus back in the search box', async ({ app }) => {
  await reader.search.click();
  await app.page.keyboard.type('Washington');
  await expect(reader.searchHits().first()).toBeVisible();
  await reader.searchHits().first().click();
  await expect(reader.searchHits().first()).toBeFocused();
  await app.page.keyboard.press('Escape');
  await expect(reader.searchResults).toHaveCount(0);
  await expect(reader.library).toBeVisible();
  await expect(reader.search).toBeFocused();
  await expect(reader.search).toHaveValue('');

  // From a filter too; but Esc in a date field holding text is the field's.
  await app.page.keyboard.type('Washington');
  const from = reader.searchResults.getByRole('textbox', { name: 'From' });
  await from.fill('19');
  await from.press('Escape');
  await expect(reader.searchResults).toBeVisible();
  await reader.searchResults.getByRole('combobox', { name: 'Newspaper' }).focus();
  await app.page.keyboard.press('Escape');
  await expect(reader.searchResults).toHaveCount(0);
  await expect(reader.search).toBeFocused();
});

test('the search filter takes ISO dates as text (YYYY, YYYY-MM, YYYY-MM-DD) and refuses impossible ones', async ({ app }) => {
  await reader.search.click();
  await app.page.keyboard.type('Washington');
  const all = await reader.api<SearchResult>('search.query', { q: 'Washington', limit: 200 });
  await expect(reader.searchHits()).toHaveCount(all.hits.length);
  const from = reader.searchResults.getByRole('textbox', { name: 'From' });
  const to = reader.searchResults.getByRole('textbox', { name: 'To' });
  await expect(from).toHaveAttribute('placeholder', 'YYYY-MM-DD');
  expect(await from.evaluate((el) => (el as HTMLInputElement).type)).toBe('text');

  // The 1918 scan is dated 1918-09-01: a year or a month as a bound includes it or leaves it out.
  await to.fill('1918-08');
  await expect(reader.searchResults.getByRole('status')).toContainText('No hits');
  await to.fill('1918');
  await expect(reader.searchHits()).toHaveCount(all.hits.length);
  await from.fill('1918-09-02');
  await expect(reader.searchResults.getByRole('status')).toContainText('No hits');
  await from.fill('');
  await expect(reader.searchHits()).toHaveCount(all.hits.length);
  await expect(reader.pageHits.first()).toBeVisible();
  // An impossible date is marked at the field, with why, and no search runs: the hits of the last valid
  // bound (here: none, so every hit) would be shown as if they answered what is typed.
  await from.fill('1918-02-30');
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  const why = reader.searchResults.getByText('no day 30 in 1918-02 (it has 28 days)', { exact: true });
  await expect(why).toBeVisible();
  await expect(from).toHaveAttribute('aria-errormessage', (await why.getAttribute('id'))!);
  await expect(reader.searchHits()).toHaveCount(0);
  await expect(reader.pageHits).toHaveCount(0);
  await expect(reader.searchResults.getByText(/No search while a date filter is not a date/)).toBeVisible();
  await saveScreenshot(app.page, 'search-filter-invalid-date');
  await from.fill('');
  await expect(from).not.toHaveAttribute('aria-invalid');
  await expect(reader.searchHits()).toHaveCount(all.hits.length);
  await saveScreenshot(app.page, 'search-filter-dates');
});

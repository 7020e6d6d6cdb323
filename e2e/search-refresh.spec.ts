import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchResult } from '../core/search/search-model.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { cliImport } from './support/host-process.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * The result list is searched again under the archivist whenever the index catches up with the library (an import,
 * here from the CLI, as another process would). A CI run that moved the host's catch-up later saw Enter go back to the
 * second hit instead of on to the third: the refreshed list made the first hit on the open page the one shown. The hit
 * shown stays the one shown, and Enter goes on from it in the new list; the search box keeps the keyboard.
 */

const SECOND = '…ng to an announcement made at Washington on August 21.';
const THIRD = '…of Hagerstown, Md. He came to Washington about fifteen years ago and since that time had been connected with the furnitu…';
const LETTER = 'A letter from Washington arrived by the evening mail.';

let reader: ReaderPage;

/** Imports a one-line text file from the CLI, as another process would, while the app is open. */
function importFromCli(libraryDir: string, name: string, text: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-search-refresh-'));
  try {
    writeFileSync(join(dir, name), `${text}\n`);
    cliImport(libraryDir, [join(dir, name)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Where the hit shown is, from the top of the results panel, in CSS px. */
async function shownHitTop(): Promise<number> {
  const [panel, shown] = [await reader.searchResults.boundingBox(), await reader.currentSearchHit().boundingBox()];
  return Math.round(shown!.y - panel!.y);
}

test.beforeEach(async ({ app }) => {
  reader = new ReaderPage(app.page);
  await expect(reader.blocks().first()).toBeVisible();
});

test('a result list refreshed while stepping keeps the hit shown, and Enter goes on to the hit after it', async ({ app }) => {
  test.setTimeout(120_000);
  const sample = await reader.documentByFile('evening-star-1918-09-01-p1.pdf');
  const before = await reader.api<SearchResult>('search.query', { q: 'Washington', limit: 200 });
  // Three hits on one page: the refresh used to choose the first of them, whichever had been shown.
  expect(before.hits.map((h) => [h.document, h.page, h.block])).toEqual([
    [sample.id, 1, 'p1b34'],
    [sample.id, 1, 'p1b119'],
    [sample.id, 1, 'p1b77'],
  ]);

  await reader.search.click();
  await app.page.keyboard.type('Washington');
  await expect(reader.searchHits()).toHaveCount(3);
  await app.page.keyboard.press('Enter');
  await expect(reader.searchHits().nth(0)).toHaveAttribute('aria-current', 'true');
  await app.page.keyboard.press('Enter');
  await expect(reader.searchHits().nth(1)).toHaveAttribute('aria-current', 'true');
  await expect(reader.currentSearchHit()).toHaveText(SECOND);
  await expect(reader.block('p1b119')).toHaveAttribute('data-search-current', '', { timeout: 30_000 });

  // Another process imports a document with the word: the library watch tells the app, the index catches up, and the
  // app searches again. The list of four is the refreshed one.
  importFromCli(app.libraryDir, 'letter.txt', LETTER);
  await expect(reader.searchHits()).toHaveCount(4, { timeout: 30_000 });
  await expect(reader.currentSearchHit()).toHaveText(SECOND);
  await expect(reader.block('p1b119')).toHaveAttribute('data-search-current', '');
  await expect(reader.search).toBeFocused();
  await saveScreenshot(app.page, 'search-refresh-kept');

  // The page's hits stay together in the list, wherever the letter ranks: Enter goes to the third, then to the letter
  // (after them in the list, or first in it, where Enter wraps to).
  await app.page.keyboard.press('Enter');
  await expect(reader.currentSearchHit()).toHaveText(THIRD);
  await expect(reader.block('p1b77')).toHaveAttribute('data-search-current', '', { timeout: 30_000 });
  await app.page.keyboard.press('Enter');
  await expect(reader.currentSearchHit()).toHaveText(LETTER);
  await expect(reader.search).toBeFocused();
});

// The rows are keyed by index, so every row under the archivist's eyes shows another hit after the note comes above;
// the browser's scroll anchoring keeps the list from sliding (tried: with it, the hit shown did not move a pixel).
test('a result list refreshed with hits above the one shown keeps that hit where it is on screen', async ({ app }) => {
  test.setTimeout(120_000);
  // "Germ" is only ever the start of a longer word on the 1918 page: every hit there ranks below an exact one.
  const before = await reader.api<SearchResult>('search.query', { q: 'Germ', limit: 200 });
  expect([before.hits.length, before.hits.filter((h) => h.exact).length]).toEqual([38, 0]);

  await reader.search.click();
  await app.page.keyboard.type('Germ');
  await expect(reader.searchHits()).toHaveCount(38);
  // Far enough down that the list has scrolled: its first hit is out of sight.
  for (let i = 0; i < 20; i++) {
    await app.page.keyboard.press('Enter');
    await expect(reader.searchHits().nth(i)).toHaveAttribute('aria-current', 'true');
  }
  await expect(reader.searchHits().first()).not.toBeInViewport();
  const shownText = await reader.currentSearchHit().innerText();
  const top = await shownHitTop();

  // A note with the word itself ranks first: its document's hit comes above the page's in the list.
  importFromCli(app.libraryDir, 'note.txt', 'A germ of doubt.');
  await expect(reader.searchHits()).toHaveCount(39, { timeout: 30_000 });
  await expect(reader.searchResults.getByRole('region', { name: 'note.txt' })).toBeAttached();
  await expect(reader.searchHits().first()).toHaveText('A germ of doubt.');
  await expect(reader.currentSearchHit()).toHaveText(shownText);
  await expect.poll(shownHitTop).toBe(top);
  await expect(reader.search).toBeFocused();
  await saveScreenshot(app.page, 'search-refresh-held');

  // The 21st hit of the page is the 22nd of the list now.
  await app.page.keyboard.press('Enter');
  await expect(reader.searchHits().nth(21)).toHaveAttribute('aria-current', 'true');
});

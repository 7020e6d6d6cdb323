import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNdnpBatch } from '../scripts/fixtures/ndnp-batch.ts';
import { LibraryBrowserPage } from './pages/library-browser-page.ts';
import { cliImport } from './support/host-process.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * The "By newspaper" path at an issue: a new-user walk at a 1500 px window read "N… › T… › 1900 › 21 December 1900",
 * the newspaper's name cut to one letter. The title has priority: "Newspapers" and the year give way first.
 */
test('at an issue the library path shows the newspaper’s title whole at 1500 and 1024 px windows', async ({ app }) => {
  test.setTimeout(180_000);
  const batchDir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-path-'));
  try {
    const truth = await generateNdnpBatch(batchDir, { issues: 2, pagesPerIssue: 1 });
    cliImport(app.libraryDir, [batchDir]);
    await app.page.reload();
    const browser = new LibraryBrowserPage(app.page);
    const [y, m, d] = truth[0].date.split('-').map(Number);
    const monthName = new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en', { month: 'long', timeZone: 'UTC' });
    await browser.show();
    await browser.newspaper(truth[0].title).click();
    await browser.year(y).click();
    await browser.issueDay(new RegExp(`^${d} ${monthName} ${y}, `)).click();
    const title = browser.path.getByRole('button', { name: truth[0].title, exact: true });
    for (const width of [1500, 1024]) {
      await app.page.setViewportSize({ width, height: 900 });
      await expect(title).toBeVisible();
      // Not clipped: its whole text fits its box (an ellipsis shows when it does not).
      await expect.poll(() => title.evaluate((el) => el.scrollWidth <= el.clientWidth), { message: `at ${width} px` }).toBe(true);
      // What gives way keeps its full text for the tooltip and assistive tech.
      await expect(browser.path.getByRole('button', { name: 'Newspapers', exact: true })).toHaveAttribute('title', 'Newspapers');
      await expect(browser.path.getByRole('button', { name: String(y), exact: true })).toHaveAttribute('title', String(y));
      await expect(browser.path.getByText(`${d} ${monthName} ${y}`, { exact: true })).toHaveAttribute('title', `${d} ${monthName} ${y}`);
      await saveScreenshot(app.page, `library-path-${width}`);
    }
  } finally {
    rmSync(batchDir, { recursive: true, force: true });
  }
});

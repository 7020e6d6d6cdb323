import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNdnpBatch } from '../scripts/fixtures/ndnp-batch.ts';
import { LibraryPanelPage } from './pages/library-panel-page.ts';
import { cliImport } from './support/host-process.ts';
import { expect, test } from './support/fixtures.ts';

const ROW_HEIGHT = 78;
const MARGIN = 6;

test('the first frame of a long library holds only rows that can be in view; the margin below follows once it has painted', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-first-frame-'));
  try {
    await generateNdnpBatch(dir, { issues: 4, pagesPerIssue: 8 });
    cliImport(app.libraryDir, [dir]);
    // The rows in the DOM at the first animation frame that has any: the frame that paints the first rows.
    await app.page.addInitScript(() => {
      const tick = () => {
        const n = document.querySelectorAll('[aria-label="Documents"] li').length;
        if (n) (window as unknown as { __firstRows: number }).__firstRows = n;
        else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await app.page.reload();
    const panel = new LibraryPanelPage(app.page);
    await expect(panel.rows().first()).toBeVisible();
    const size = await panel.listSize();
    expect(size).toBeGreaterThanOrEqual(32);
    const first = await app.page.evaluate(() => (window as unknown as { __firstRows: number }).__firstRows);
    // No more than the window's height can show (the list is shorter than the window), and no margin.
    expect(first).toBeLessThanOrEqual(Math.ceil(app.page.viewportSize()!.height / ROW_HEIGHT) + 1);

    // Measured after that paint: at the top (the open document's row was brought into view), the rows the list
    // shows (and a part-row) and the margin below. The list's height settles as the panel's head does: both are
    // read at the same moment.
    await panel.scrollListToTop();
    const settled = () =>
      panel.documents.evaluate((el, [rowHeight, margin]) => el.querySelectorAll('li').length - (Math.ceil(el.clientHeight / rowHeight) + 1 + margin), [ROW_HEIGHT, MARGIN]);
    await expect.poll(settled).toBe(0);
    // Scrolled to its end, the list still reaches the last document.
    await panel.scrollListToEnd();
    await expect(panel.rows().last()).toHaveAttribute('aria-posinset', String(size));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

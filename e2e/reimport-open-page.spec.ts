import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DocumentSummary } from '../core/library-model.ts';
import { generateNdnpBatch } from '../scripts/fixtures/ndnp-batch.ts';
import { LibraryBrowserPage } from './pages/library-browser-page.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * A generated NDNP issue of two one-page files (scripts/fixtures/ndnp-batch.ts). Its first page's PDF is imported
 * alone and opened (laid out from the PDF); then the whole issue folder (PDFs, ALTO, METS) is imported, as an
 * archivist does once they find the OCR: the page's ALTO boxes its words where the PDF draws them, so the open page
 * is rebuilt from it, and the reader must show that.
 */
test('a re-import that lays the open page out from its ALTO shows the new layout at once; a one-page file is numbered in its issue', async ({ app }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-reimport-'));
  try {
    const [first, second] = await generateNdnpBatch(dir, { issues: 1, pagesPerIssue: 2 });
    const folder = dirname(first.pdf);
    const files = readdirSync(folder)
      .filter((f) => f.endsWith('.pdf') || f.endsWith('.xml'))
      .map((f) => join(folder, f));
    const reader = new ReaderPage(app.page);
    await reader.library.getByLabel('Import files').setInputFiles(first.pdf);
    await expect(app.page.getByRole('status').filter({ hasText: /^Imported 1,/ })).toBeVisible({ timeout: 60_000 });
    const before = (await reader.api<DocumentSummary[]>('library.list')).find((d) => first.pdf.endsWith(d.fileName))!;
    await reader.open(before);
    await expect(reader.cleaned.getByTestId('layout-source')).toHaveText(' · layout from the PDF');

    // The import's answer, then the open page read again (the renderer asks for its page view once more).
    const reread = app.page.waitForRequest((r) => r.url().endsWith('api/document.pageView') && (r.postData() ?? '').includes(before.id), { timeout: 60_000 });
    await reader.library.getByLabel('Import files').setInputFiles(files);
    await expect(app.page.getByRole('status').filter({ hasText: /1 now laid out from its ALTO/ })).toBeVisible({ timeout: 60_000 });
    await reread;
    // No reload: same page, its blocks the ones the library holds now.
    const rebuilt = await reader.pageModel(before.id, 1);
    expect(rebuilt.layout).toBe('alto');
    await expect(reader.cleaned.getByTestId('layout-source')).toHaveText(' · layout from the OCR (ALTO)');
    await expect(reader.blocks()).toHaveCount(rebuilt.blocks.length);
    for (const [i, b] of rebuilt.blocks.entries()) await expect(reader.blocks().nth(i)).toContainText(b.text.split('\n')[0]);

    // One page per file: no "1 of 1" beside the issue's "Page 1 of 2"; ← → page through the issue.
    await expect(reader.issuePlace()).toHaveText(new RegExp(`^Page 1 of 2 · `));
    await expect(reader.pageNumber()).toHaveCount(0);
    await expect(reader.original.getByText('of 1', { exact: true })).toHaveCount(0);

    // Focus in the issue's list of pages follows the page turned to.
    const browser = new LibraryBrowserPage(app.page);
    await browser.show();
    await browser.newspaper(first.title).click();
    await browser.year(Number(first.date.slice(0, 4))).click();
    await browser.issueDay(new RegExp(`^${Number(first.date.slice(8, 10))} `)).click();
    await browser.pages().first().focus();
    await app.page.keyboard.press('ArrowRight');
    await expect(reader.issuePlace()).toHaveText(new RegExp(`^Page 2 of 2 · `));
    await expect(browser.pages().nth(1)).toHaveAttribute('aria-current', 'true');
    await expect(browser.pages().nth(1)).toBeFocused();
    expect(second.sequence).toBe(2);
    await app.page.keyboard.press('ArrowLeft');
    await expect(reader.issuePlace()).toHaveText(new RegExp(`^Page 1 of 2 · `));
    await expect(browser.pages().first()).toBeFocused();
    await saveScreenshot(app.page, 'reimport-open-page');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

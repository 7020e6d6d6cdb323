import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DocumentSummary } from '../core/library-model.ts';
import { altoForA4, generateNdnpBatch } from '../scripts/fixtures/ndnp-batch.ts';
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
    await expect(app.page.getByRole('status').filter({ hasText: /^Imported 1[.,]/ })).toBeVisible({ timeout: 60_000 });
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

/**
 * The same page re-imported with an ALTO made for a sheet of another shape (it fits no page of the PDF): cleaning
 * keeps the PDF's layout, and the report must say so rather than "now laid out from its ALTO" (the new-user walk
 * found the report saying one thing and the page the other).
 */
test('a re-import whose ALTO fits no page of the open document says its layout still comes from the PDF, as the page does', async ({ app }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-reimport-misfit-'));
  try {
    const [page] = await generateNdnpBatch(join(dir, 'batch'), { issues: 1, pagesPerIssue: 1 });
    const pdf = join(dir, 'scan.pdf');
    const alto = join(dir, 'scan.alto.xml');
    copyFileSync(page.pdf, pdf);
    writeFileSync(alto, altoForA4(readFileSync(page.alto, 'utf8')));
    const reader = new ReaderPage(app.page);
    await reader.library.getByLabel('Import files').setInputFiles(pdf);
    await expect(app.page.getByRole('status').filter({ hasText: /^Imported 1[.,]/ })).toBeVisible({ timeout: 60_000 });
    const doc = (await reader.api<DocumentSummary[]>('library.list')).find((d) => d.fileName === 'scan.pdf')!;
    await reader.open(doc);
    await expect(reader.cleaned.getByTestId('layout-source')).toHaveText(' · layout from the PDF');
    const before = await reader.pageModel(doc.id, 1);

    await reader.library.getByLabel('Import files').setInputFiles([pdf, alto]);
    // The whole summary: no "1 now laid out from its ALTO".
    await expect(app.page.getByRole('status').filter({ hasText: /^1 already in the library\.$/ })).toBeVisible({ timeout: 60_000 });
    // A note, not an alarm: the document is fine, its layout just did not change.
    await expect(app.page.getByRole('alert')).toHaveCount(0);
    await expect(app.page.getByRole('list', { name: 'Import notes' }).getByRole('listitem')).toHaveText(['scan.pdf: its ALTO does not match its pages, so its layout still comes from the PDF']);
    await expect(reader.cleaned.getByTestId('layout-source')).toHaveText(' · layout from the PDF');
    expect(await reader.pageModel(doc.id, 1)).toEqual(before);
    await saveScreenshot(app.page, 'reimport-misfit-alto');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DocumentSummary } from '../core/library-model.ts';
import { generateNdnpBatch } from '../scripts/fixtures/ndnp-batch.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { cliImport } from './support/host-process.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * The archivist reads a page in the app while, in a terminal, `broadsheet import` runs on the same library and
 * brings the page's METS and ALTO: the library watch names the document whose pages and metadata changed, and the
 * reader reads the open page again, with no reload.
 */
test('a re-import from the CLI of the open page’s issue folder (METS, ALTO) shows in the open app at once', async ({ app }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-cli-reimport-'));
  try {
    const [first] = await generateNdnpBatch(join(dir, 'batch'), { issues: 1, pagesPerIssue: 1 });
    const folder = dirname(first.pdf);
    // The PDF alone (no METS, no ALTO beside it), as an archivist gets a scan before its batch.
    mkdirSync(join(dir, 'alone'));
    const alone = join(dir, 'alone', 'scan.pdf');
    copyFileSync(first.pdf, alone);
    const reader = new ReaderPage(app.page);

    // From the CLI: it appears in the open app's list (the library watch), laid out from the PDF, nothing known of it.
    cliImport(app.libraryDir, [alone]);
    const before = (await reader.api<DocumentSummary[]>('library.list')).find((d) => d.fileName === 'scan.pdf')!;
    expect([before.date, before.lccn]).toEqual(['', '']);
    await expect(reader.libraryEntry(before)).toBeVisible({ timeout: 10_000 });
    await reader.open(before);
    await expect(reader.cleaned.getByTestId('layout-source')).toHaveText(' · layout from the PDF');
    await expect(reader.blocks()).toHaveCount((await reader.pageModel(before.id, 1)).blocks.length);

    // The whole issue folder from the CLI: its METS gives the page its newspaper and date, its ALTO rebuilds the
    // page; the app reads the open page again (its page view asked for once more) and shows both.
    const reread = app.page.waitForRequest((r) => r.url().endsWith('api/document.pageView') && (r.postData() ?? '').includes(before.id), { timeout: 20_000 });
    cliImport(app.libraryDir, [folder]);
    await reread;
    const after = (await reader.api<DocumentSummary[]>('library.list')).find((d) => d.id === before.id)!;
    expect([after.date, after.lccn]).toEqual([first.date, first.lccn]);
    await expect(app.page.getByRole('main', { name: new RegExp(`${first.title} ${first.date}`) })).toBeVisible();
    await expect(reader.issuePlace()).toContainText(first.date);
    const rebuilt = await reader.pageModel(before.id, 1);
    await expect(reader.blocks()).toHaveCount(rebuilt.blocks.length);
    for (const [i, b] of rebuilt.blocks.entries()) await expect(reader.blocks().nth(i)).toContainText(b.text.split('\n')[0]);
    await saveScreenshot(app.page, 'cli-reimport-open-page');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

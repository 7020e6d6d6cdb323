import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DocumentSummary } from '../core/library-model.ts';
import { generateNdnpBatch, type BatchPageTruth } from '../scripts/fixtures/ndnp-batch.ts';
import { LibraryBrowserPage } from './pages/library-browser-page.ts';
import { LibraryPanelPage } from './pages/library-panel-page.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * Every page of the batch is in the library with its METS date, edition, order, printed number and LCCN, laid out
 * from the ALTO beside it (the generated ALTO boxes each word where its PDF draws it, as an NDNP page's does).
 */
async function expectBatchImported(reader: ReaderPage, truth: BatchPageTruth[]) {
  await expect.poll(async () => (await reader.api<DocumentSummary[]>('library.list')).filter((d) => d.metadataSource === 'mets').length, { timeout: 60_000 }).toBe(truth.length);
  const docs = await reader.api<DocumentSummary[]>('library.list');
  for (const t of truth) {
    const doc = docs.find((d) => d.issue === t.issue && d.sequence === t.sequence);
    expect(doc, `${t.issue} page ${t.sequence}`).toBeDefined();
    expect({ file: doc!.fileName, lccn: doc!.lccn, date: doc!.date, edition: doc!.edition, label: doc!.pageLabel, newspaper: doc!.newspaper }).toEqual({
      file: basename(t.pdf),
      lccn: t.lccn,
      date: t.date,
      edition: t.edition,
      label: t.pageNumber,
      newspaper: t.title,
    });
    expect((await reader.pageModel(doc!.id, 1)).layout, `${t.issue} page ${t.sequence}`).toBe('alto');
  }
}

test('dropping an NDNP batch folder imports its issues with their METS dates, editions and page order', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-drop-'));
  try {
    const truth = await generateNdnpBatch(dir, { issues: 4, pagesPerIssue: 3 });
    const reader = new ReaderPage(app.page);
    // A drop of a folder as Chromium gives it to a page: Files that carry their relative paths. (A page
    // cannot make the FileSystemEntry tree an OS drop has; the renderer reads either.)
    const picker = await app.page.evaluateHandle(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.webkitdirectory = true;
      input.hidden = true;
      document.body.append(input);
      return input;
    });
    await picker.setInputFiles(join(dir, 'batch_fixture_ver01'));
    await picker.evaluate((input) => {
      const dt = new DataTransfer();
      for (const f of input.files!) dt.items.add(f);
      input.remove();
      document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await expect(app.page.getByRole('status').filter({ hasText: `Imported ${truth.length},` })).toBeVisible({ timeout: 60_000 });
    await expectBatchImported(reader, truth);
    // Each METS read is the import working: counted as used. What was left out (the JP2 stand-ins, batch.xml) is named
    // once each, with why, in a neutral note: nothing failed.
    await expect(app.page.getByRole('status').filter({ hasText: `used 4 METS for dates and page order` })).toBeVisible();
    const report = app.page.getByRole('region', { name: /What was skipped, and why:$/ });
    // One line per reason: the JP2 stand-ins share one.
    await expect(report).toContainText('JP2 page image (Broadsheet imports the page’s PDF, not its image)');
    await expect(report).not.toContainText('issue METS');
    await expect(app.page.getByRole('alert')).toHaveCount(0);

    // The issues are grouped and ordered: browse to the second issue's pages.
    const issue = truth.filter((t) => t.issue === truth[3].issue).sort((a, b) => a.sequence - b.sequence);
    const [y, m, d] = issue[0].date.split('-').map(Number);
    const monthName = new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en', { month: 'long', timeZone: 'UTC' });
    const browser = new LibraryBrowserPage(app.page);
    await browser.show();
    await browser.newspaper(issue[0].title).click();
    await browser.year(y).click();
    await browser.issueDay(new RegExp(`^${d} ${monthName} ${y}.*, ${issue.length} pages$`)).click();
    await expect(browser.pages()).toHaveText(issue.map((p) => new RegExp(`^Page ${p.pageNumber || p.sequence}`)));
    await saveScreenshot(app.page, 'library-drop');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Folder… on a whole batch names what it skipped, as a drop and the CLI do', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-folder-batch-'));
  try {
    const truth = await generateNdnpBatch(dir, { issues: 1, pagesPerIssue: 2 });
    await new LibraryPanelPage(app.page).importFolder(join(dir, 'batch_fixture_ver01'));
    await expect(app.page.getByRole('status').filter({ hasText: `Imported ${truth.length},` })).toBeVisible({ timeout: 60_000 });
    await expect(app.page.getByRole('status').filter({ hasText: `${truth.length + 1} skipped` })).toBeVisible();
    const report = app.page.getByRole('region', { name: /What was skipped, and why:$/ });
    await expect(report).toContainText('batch.xml');
    await expect(report).toContainText('.jp2: JP2 page image (Broadsheet imports the page’s PDF, not its image)');
    await expect(app.page.getByRole('alert')).toHaveCount(0);
    await saveScreenshot(app.page, 'library-folder-skipped');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Folder… holding only a scan image and batch.xml says why nothing was imported', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-folder-none-'));
  try {
    writeFileSync(join(dir, 'batch.xml'), '<?xml version="1.0"?><batch xmlns="http://www.loc.gov/ndnp" name="b"/>\n');
    writeFileSync(join(dir, '0001.jp2'), new Uint8Array([0, 0, 0, 12, 0x6a, 0x50, 0x20, 0x20]));
    await new LibraryPanelPage(app.page).importFolder(dir);
    await expect(app.page.getByRole('status').filter({ hasText: 'Nothing imported: 2 skipped.' })).toBeVisible();
    const report = app.page.getByRole('region', { name: /What was skipped, and why:$/ });
    await expect(report).toContainText('batch.xml');
    await expect(report).toContainText('0001.jp2: JP2 page image (Broadsheet imports the page’s PDF, not its image)');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Folder… imports a picked issue folder with its METS metadata', async ({ app }) => {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-folder-'));
  try {
    const truth = await generateNdnpBatch(dir, { issues: 2, pagesPerIssue: 3 });
    const one = truth.filter((t) => t.issue === truth[0].issue);
    await app.page.getByLabel('Import a folder').setInputFiles(join(one[0].pdf, '..'));
    await expect(app.page.getByRole('status').filter({ hasText: `Imported ${one.length},` })).toBeVisible({ timeout: 60_000 });
    await expectBatchImported(new ReaderPage(app.page), one);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

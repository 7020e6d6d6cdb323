import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentSummary } from '../core/library-model.ts';
import { generateNdnpBatch } from '../scripts/fixtures/ndnp-batch.ts';
import { LibraryBrowserPage } from './pages/library-browser-page.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { cliImport } from './support/host-process.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

test('the archivist browses a title → year → calendar → issue → page 2, and reads on into page 3', async ({ app }) => {
  const batchDir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-ndnp-'));
  try {
    const truth = await generateNdnpBatch(batchDir, { issues: 6, pagesPerIssue: 4 });
    // Imported by another process while the app is open, as an archivist's batch job would.
    cliImport(app.libraryDir, [batchDir]);
    await app.page.reload();
    const reader = new ReaderPage(app.page);
    const browser = new LibraryBrowserPage(app.page);
    const docs = await reader.api<DocumentSummary[]>('library.list');
    // The third issue had two pages filmed out of order: its METS, not its file names, gives the order.
    const issue = truth.filter((t) => t.issue === truth[8].issue);
    const [y, m, d] = issue[0].date.split('-').map(Number);
    const monthName = new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en', { month: 'long', timeZone: 'UTC' });

    await browser.show();
    await browser.newspaper(issue[0].title).click();
    await browser.year(y).click();
    await expect(browser.month(`${monthName} ${y}`)).toBeVisible();
    await browser.issueDay(new RegExp(`^${d} ${monthName} ${y}, 4 pages$`)).click();
    await expect(browser.pages()).toHaveText(issue.map((p) => new RegExp(`^Page ${p.pageNumber || p.sequence}`)));
    await browser.pages().nth(1).click();

    const page2 = docs.find((doc) => doc.issue === issue[1].issue && doc.sequence === 2)!;
    await expect(browser.pages().nth(1)).toHaveAttribute('aria-current', 'true');
    await expect(reader.cleaned).toContainText(`PAGE ${issue[1].pageNumber}`);
    expect(page2.fileName).toBe(issue[1].pdf.split('/').pop());
    // The reader's toolbar says where the page sits in its issue, across the issue's files.
    const place = (n: number) => `Page ${n} of ${issue.length}${issue[n - 1].pageNumber && issue[n - 1].pageNumber !== String(n) ? ` (printed ${issue[n - 1].pageNumber})` : ''} · ${issue[0].title}, ${issue[0].date}`;
    await expect(reader.original.getByText(/^Page \d+ of \d+/)).toHaveText(place(2));
    await saveScreenshot(app.page, 'library-browse');

    // Paging on from the last page of one file opens the issue's next file.
    await reader.cleaned.click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('ArrowRight');
    await expect(browser.pages().nth(2)).toHaveAttribute('aria-current', 'true');
    await expect(reader.cleaned).toContainText(`PAGE ${issue[2].pageNumber}`);
    await expect(reader.original.getByText(/^Page \d+ of \d+/)).toHaveText(place(3));
    // ‹ in the toolbar goes back across the file boundary too (the file itself has one page).
    await reader.original.getByRole('button', { name: 'Previous page' }).click();
    await expect(reader.original.getByText(/^Page \d+ of \d+/)).toHaveText(place(2));
  } finally {
    rmSync(batchDir, { recursive: true, force: true });
  }
});

test('the workspace fills the window below the top bar, with or without an error bar', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  // Short content in every pane (the browse view, a one-page text) once left the workspace in an auto-sized row.
  await new LibraryBrowserPage(app.page).show();
  await expect(reader.library.getByRole('list', { name: 'Newspapers' })).toBeVisible();
  // Files no newspaper is known for (the sample CJK page) say so in words, not "Unknown newspaper · 0 issues · undated".
  await expect(reader.library.getByRole('button', { name: /^Newspaper not named/ })).toHaveText(/^Newspaper not named\s*\d+ files? without a date · name them in Details…$/);
  await saveScreenshot(app.page, 'library-newspapers');
  const bottom = await reader.library.evaluate((el) => el.getBoundingClientRect().bottom);
  expect(Math.round(bottom)).toBe(app.page.viewportSize()!.height);
});

test('the archivist sets the newspaper and date of several guessed documents at once', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  const docs = await reader.api<DocumentSummary[]>('library.list');
  const pick = docs.filter((d) => d.kind === 'pdf').slice(0, 2);
  await expect(reader.libraryEntry(pick[0])).toContainText('guessed');
  await reader.library.getByRole('button', { name: 'Select' }).click();
  for (const d of pick) await reader.library.getByRole('checkbox', { name: new RegExp(d.title || d.fileName) }).check();
  await reader.library.getByRole('button', { name: 'Edit…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Edit 2 documents' });
  await dialog.getByLabel('Newspaper').fill('The Bulk Herald');
  await dialog.getByLabel('Date').fill('1901-02-03');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await reader.api<DocumentSummary[]>('library.list')).filter((d) => d.newspaper === 'The Bulk Herald' && d.date === '1901-02-03' && d.metadataSource === 'archivist').length).toBe(2);
  for (const d of pick) await expect(reader.libraryEntry(d)).not.toContainText('guessed');
});

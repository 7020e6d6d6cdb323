import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { DocumentSummary } from '../core/library-model.ts';
import { generateNdnpBatch, type BatchPageTruth, type BatchTitle } from '../scripts/fixtures/ndnp-batch.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * One generated NDNP issue page (scripts/fixtures/ndnp-batch.ts): its PDF, its
 * ALTO (0001.xml) and the issue's METS beside them, as an archivist picks them
 * together in Import… (the LoC scans in ../shared have the same shape).
 */
async function onePageIssue(title?: BatchTitle): Promise<{ dir: string; page: BatchPageTruth; files: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-report-'));
  const [page] = await generateNdnpBatch(dir, { issues: 1, pagesPerIssue: 1, ...(title ? { titles: [title] } : {}) });
  const folder = dirname(page.pdf);
  const files = readdirSync(folder)
    .filter((f) => f.endsWith('.pdf') || f.endsWith('.xml'))
    .map((f) => join(folder, f));
  return { dir, page, files };
}

test('Import… of a page with its METS and ALTO says the METS was used, and raises no alarm', async ({ app }) => {
  const { dir, page, files } = await onePageIssue();
  try {
    const reader = new ReaderPage(app.page);
    expect(files).toHaveLength(3); // the page's PDF, its ALTO and the issue's METS
    await reader.library.getByLabel('Import files').setInputFiles(files);
    await expect(app.page.getByRole('status').filter({ hasText: 'Imported 1, used 1 METS for dates and page order.' })).toBeVisible({
      timeout: 60_000,
    });
    // Reading the METS (and the ALTO) beside the scan is the import working: nothing is "skipped", nothing is red.
    await expect(app.page.getByRole('alert')).toHaveCount(0);
    await expect(app.page.getByText(/Skipped/)).toHaveCount(0);
    const doc = (await reader.api<DocumentSummary[]>('library.list')).find((d) => d.metadataSource === 'mets')!;
    expect({ newspaper: doc.newspaper, date: doc.date, lccn: doc.lccn, edition: doc.edition, issue: doc.issue, sequence: doc.sequence }).toEqual({
      newspaper: page.title,
      date: page.date,
      lccn: page.lccn,
      edition: page.edition,
      issue: page.issue,
      sequence: page.sequence,
    });
    // And the ALTO was used too: the page is laid out from it.
    expect((await reader.pageModel(doc.id, 1)).layout).toBe('alto');
    await saveScreenshot(app.page, 'import-report-mets-used');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the Newspaper filter lists a title once, by its METS name, and filtering by it finds every spelling', async ({ app }) => {
  // The library holds the 1918 sample, its newspaper guessed from the file name ("Evening Star", no LCCN);
  // this page's METS names the same title "The Evening star", with the Evening Star's LCCN.
  const { dir, files } = await onePageIssue({ lccn: 'sn83045462', title: 'The Evening star' });
  try {
    const reader = new ReaderPage(app.page);
    await reader.library.getByLabel('Import files').setInputFiles(files);
    await expect(app.page.getByRole('status').filter({ hasText: /Imported 1[.,]/ })).toBeVisible({ timeout: 60_000 });
    const docs = await reader.api<DocumentSummary[]>('library.list');
    const spellings = [...new Set(docs.map((d) => d.newspaper).filter((n) => /evening star/i.test(n)))].sort();
    expect(spellings).toEqual(['Evening Star', 'The Evening star']);

    const filter = reader.library.getByRole('combobox', { name: 'Newspaper' });
    await expect(filter.getByRole('option')).toHaveText(['All newspapers', 'The Evening star']);
    await filter.selectOption('The Evening star');
    const stars = docs.filter((d) => spellings.includes(d.newspaper));
    expect(stars).toHaveLength(2);
    await expect(reader.library.getByRole('list', { name: 'Documents' }).getByRole('listitem')).toHaveCount(stars.length);

    // The search results' filter too: "star" is on both pages (the generated page's heading names its title).
    await reader.search.fill('star');
    const searchFilter = reader.searchResults.getByRole('combobox', { name: 'Newspaper' });
    await expect(searchFilter.getByRole('option')).toHaveText(['All newspapers', 'The Evening star']);
    await searchFilter.selectOption('The Evening star');
    await expect(reader.searchResults.getByRole('region')).toHaveCount(stars.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSummary } from '../core/library-model.ts';
import { LOC_DIR } from '../test-support/real-pages.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

const PAGE = 'evening-star-1870-03-15-p1';
const haveLoc = existsSync(join(LOC_DIR, `${PAGE}.mets.xml`));
if (!haveLoc) console.log(`import-report: ${LOC_DIR} is absent (it exists only on the project's machines); the LoC import report check is skipped`);

test('Import… of an LoC page with its METS and ALTO says the METS was used, and raises no alarm', async ({ app }) => {
  test.skip(!haveLoc, `${LOC_DIR} is absent`);
  const reader = new ReaderPage(app.page);
  await reader.library.getByLabel('Import files').setInputFiles(['.pdf', '.mets.xml', '.alto.xml'].map((ext) => join(LOC_DIR, PAGE + ext)));
  await expect(app.page.getByRole('status').filter({ hasText: 'Imported 1, 0 already in the library, 0 failed, used 1 METS for dates and page order.' })).toBeVisible({
    timeout: 60_000,
  });
  // Reading the METS (and the ALTO) beside the scan is the import working: nothing is "skipped", nothing is red.
  await expect(app.page.getByRole('alert')).toHaveCount(0);
  await expect(app.page.getByText(/Skipped/)).toHaveCount(0);
  const doc = (await reader.api<DocumentSummary[]>('library.list')).find((d) => d.fileName === `${PAGE}.pdf`)!;
  expect({ newspaper: doc.newspaper, date: doc.date, lccn: doc.lccn, source: doc.metadataSource }).toEqual({
    newspaper: 'The Evening star',
    date: '1870-03-15',
    lccn: 'sn83045462',
    source: 'mets',
  });
  await saveScreenshot(app.page, 'import-report-mets-used');
});

test('the Newspaper filter lists a title once, by its METS name, and filtering by it finds every spelling', async ({ app }) => {
  test.skip(!haveLoc, `${LOC_DIR} is absent`);
  const reader = new ReaderPage(app.page);
  // The library holds the 1918 sample, its newspaper guessed from the file name ("Evening Star"); the 1870 page's METS says "The Evening star".
  await reader.library.getByLabel('Import files').setInputFiles(['.pdf', '.mets.xml'].map((ext) => join(LOC_DIR, PAGE + ext)));
  await expect(app.page.getByRole('status').filter({ hasText: 'Imported 1,' })).toBeVisible({ timeout: 60_000 });
  const docs = await reader.api<DocumentSummary[]>('library.list');
  const spellings = [...new Set(docs.map((d) => d.newspaper).filter((n) => /evening star/i.test(n)))].sort();
  expect(spellings).toEqual(['Evening Star', 'The Evening star']);

  const filter = reader.library.getByRole('combobox', { name: 'Newspaper' });
  await expect(filter.getByRole('option')).toHaveText(['All newspapers', 'The Evening star']);
  await filter.selectOption('The Evening star');
  const stars = docs.filter((d) => spellings.includes(d.newspaper));
  await expect(reader.library.getByRole('button', { name: /evening-star-.*\.pdf/ })).toHaveCount(stars.length);

  // The search results' filter too.
  await reader.search.fill('Washington');
  const searchFilter = reader.searchResults.getByRole('combobox', { name: 'Newspaper' });
  await expect(searchFilter.getByRole('option')).toHaveText(['All newspapers', 'The Evening star']);
  await searchFilter.selectOption('The Evening star');
  await expect(reader.searchResults.getByRole('region')).toHaveCount(stars.length);
});

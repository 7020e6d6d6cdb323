import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repeatPages } from '../scripts/fixtures/long-pdf.ts';
import { LibraryPanelPage } from './pages/library-panel-page.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, FIXTURE_FILES, test } from './support/fixtures.ts';

const PAGES = 200;

/** A typeset PDF of PAGES pages not yet in the library (the fixture's page repeated: other bytes, so a new document). */
async function longTypesetPdf(dir: string, name: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await repeatPages(readFileSync(FIXTURE_FILES.cjk), PAGES));
  return file;
}

test('importing a typeset PDF asks for no preview it does not have: no 404 while it imports, opens and shows its thumbnail', async ({ app }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-import-404-'));
  try {
    const file = await longTypesetPdf(dir, 'typeset-bench-200.pdf');
    const failures: string[] = [];
    app.page.on('response', (r) => r.status() >= 400 && failures.push(`${r.status()} ${r.url()}`));
    app.page.on('console', (m) => m.type() === 'error' && failures.push(`console: ${m.text()}`));
    const panel = new LibraryPanelPage(app.page);
    const reader = new ReaderPage(app.page);
    await expect(reader.original).toBeVisible();
    await panel.importFiles([file]);
    await expect(panel.status).toContainText('Imported 1,', { timeout: 90_000 });
    // The new document is open and its row's thumbnail drawn (by pdf.js: a typeset page has no preview).
    const doc = await reader.documentByFile('typeset-bench-200.pdf');
    await expect(reader.libraryEntry(doc)).toHaveAttribute('aria-current', 'true');
    await expect(reader.libraryEntry(doc).getByTestId('thumb-image')).toBeVisible({ timeout: 30_000 });
    await expect(reader.original.getByText('of 200')).toBeVisible();
    expect(failures).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

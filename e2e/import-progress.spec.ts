import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repeatPages } from '../scripts/fixtures/long-pdf.ts';
import { LibraryPanelPage } from './pages/library-panel-page.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, FIXTURE_FILES, saveScreenshot, test } from './support/fixtures.ts';

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
    await expect(panel.status).toContainText(/Imported 1[.,]/, { timeout: 90_000 });
    // The new document is open and its row's thumbnail drawn (by pdf.js: a typeset page's preview is drawn in the background, later).
    const doc = await reader.documentByFile('typeset-bench-200.pdf');
    await expect(reader.libraryEntry(doc)).toHaveAttribute('aria-current', 'true');
    await expect(reader.libraryEntry(doc).getByTestId('thumb-image')).toBeVisible({ timeout: 30_000 });
    await expect(reader.original.getByText('of 200')).toBeVisible();
    expect(failures).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a long PDF shows its pages done as it imports: the counter and the bar move before the import ends', async ({ app }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-import-pages-'));
  try {
    const file = await longTypesetPdf(dir, 'progress-bench-200.pdf');
    const panel = new LibraryPanelPage(app.page);
    const reader = new ReaderPage(app.page);
    await expect(reader.original).toBeVisible();
    // Every text the progress line shows, as it shows it (the import is not held: the page records what it saw).
    await app.page.evaluate(() => {
      const seen: { text: string; value: number; max: number }[] = [];
      (window as unknown as { importSeen: typeof seen }).importSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Import progress"]');
        const text = bar?.nextElementSibling?.textContent ?? '';
        if (bar && (seen.length === 0 || seen.at(-1)!.text !== text)) seen.push({ text, value: bar.value, max: bar.max });
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await panel.importFiles([file]);
    // As the archivist sees it: the pages counted in the top bar while the file imports.
    await expect(panel.topBar.getByText(/^0\/1 · progress-bench-200\.pdf · page \d+ of 200$/)).toBeVisible({ timeout: 60_000 });
    await saveScreenshot(app.page, 'import-page-progress');
    await expect(panel.status).toContainText(/Imported 1[.,]/, { timeout: 90_000 });
    const seen = await app.page.evaluate(() => (window as unknown as { importSeen: { text: string; value: number; max: number }[] }).importSeen);
    const pages = seen
      .map((s) => ({ ...s, page: Number(/^0\/1 · progress-bench-200\.pdf · page (\d+) of 200$/.exec(s.text)?.[1] ?? NaN) }))
      .filter((s) => !Number.isNaN(s.page));
    // At least two counts short of the end, rising, each with the bar at that share of the file.
    const before = pages.filter((s) => s.page < PAGES);
    expect(before.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < pages.length; i++) expect(pages[i].page).toBeGreaterThan(pages[i - 1].page);
    for (const s of pages) {
      expect(s.max).toBe(1);
      expect(s.value).toBeCloseTo(s.page / PAGES, 5);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

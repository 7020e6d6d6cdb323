import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentSummary } from '../core/library-model.ts';
import { LibraryPanelPage } from './pages/library-panel-page.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { cliImport } from './support/host-process.ts';
import { expect, test } from './support/fixtures.ts';

const FILLERS = 60;

/**
 * A library of some sixty documents (the list is virtualized: only the rows in view are in the DOM). The archivist,
 * at the top of the list, imports a page that sorts near its end: once imported it is open, selected in the list,
 * and its row scrolled into view.
 */
test('after an import the list shows the imported document open and selected, scrolled into view', async ({ app }) => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-import-reveal-'));
  try {
    // Dated in their names (newspaper-YYYY-MM-DD-pN), so the list sorts them by date; each one's text its own.
    const fillers = Array.from({ length: FILLERS }, (_, i) => {
      const file = join(dir, `filler-gazette-1900-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}-p1.txt`);
      writeFileSync(file, `Filler Gazette, number ${i + 1}.\n\nA short story of the day, told for page ${i + 1}.\n`);
      return file;
    });
    cliImport(app.libraryDir, fillers);
    const list = new LibraryPanelPage(app.page);
    const reader = new ReaderPage(app.page);
    // The open app sees the CLI's documents within a second (the library watch).
    await expect.poll(() => list.listSize(), { timeout: 10_000 }).toBe(FILLERS + 3);
    await list.scrollListToTop();

    const late = join(dir, 'late-tribune-1950-06-30-p1.txt');
    writeFileSync(late, 'Late Tribune.\n\nThe page imported last, dated after every other one.\n');
    await list.importFiles([late]);
    await expect(list.status).toContainText(/Imported 1[.,]/);
    const doc = (await reader.api<DocumentSummary[]>('library.list')).find((d) => d.fileName === 'late-tribune-1950-06-30-p1.txt')!;
    const row = list.entry(doc);
    // Open, selected and in view, though it sits far below the rows that were in view.
    await expect(row).toHaveAttribute('aria-current', 'true');
    await expect(row).toBeInViewport();
    const place = Number(await row.locator('xpath=ancestor::li[1]').getAttribute('aria-posinset'));
    expect(place).toBeGreaterThan(FILLERS);
    await expect(reader.blocks().first()).toContainText('Late Tribune.');

    // Every row is in reach: scrolled to its end, the list shows its last row (its height is the panel's, not its rows').
    await list.scrollListToEnd();
    await expect(list.documents.locator(`li[aria-posinset="${FILLERS + 4}"]`)).toBeInViewport();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

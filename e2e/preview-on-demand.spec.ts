import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repeatPages } from '../scripts/fixtures/long-pdf.ts';
import { LibraryPanelPage } from './pages/library-panel-page.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, FIXTURE_FILES, saveScreenshot, test } from './support/fixtures.ts';

/**
 * An import is announced without waiting for its scans' previews: the list says at once that a scan's first page
 * has one (decided at import from its page image), and the host makes it when the renderer first asks. No request
 * of the renderer is answered 404, and the preview it asked for is the one shown.
 */
test('a scan just imported: its preview is asked for at once and made then, never a 404', async ({ app }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-preview-'));
  try {
    // The sample scan saved again by pdf-lib: the same picture, other bytes, so a new document.
    const file = join(dir, 'scan-again.pdf');
    writeFileSync(file, await repeatPages(readFileSync(FIXTURE_FILES.sample), 1));
    const failures: string[] = [];
    const previews: string[] = [];
    app.page.on('response', (r) => {
      if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
      if (/\/preview\/\d+$/.test(r.url())) previews.push(`${r.status()} ${r.url().replace(/^.*\/files\//, '')}`);
    });
    app.page.on('console', (m) => m.type() === 'error' && failures.push(`console: ${m.text()}`));
    const panel = new LibraryPanelPage(app.page);
    const reader = new ReaderPage(app.page);
    await expect(reader.original).toBeVisible();
    await panel.importFiles([file]);
    await expect(panel.status).toHaveText('Imported 1.', { timeout: 90_000 });
    const doc = await reader.documentByFile('scan-again.pdf');
    await expect(reader.libraryEntry(doc)).toHaveAttribute('aria-current', 'true');
    // Its row's thumbnail is the preview, asked for once the list said it has one.
    await expect(reader.libraryEntry(doc).getByTestId('thumb-image')).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => previews.filter((p) => p.includes(`${doc.id}/preview/1`))).toContain(`200 ${doc.id}/preview/1`);
    await saveScreenshot(app.page, 'preview-on-demand');
    expect(failures).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

import type { PageViewReply } from '../core/page-view/page-view-codec.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, test } from './support/fixtures.ts';

// The preview shown before the sharp page, one state after the other: page-preview-held.spec.ts (browser host).

test('a typeset page gets a preview drawn in the background, and pdf.js’s sharp page replaces it', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  const doc = await reader.documentByFile('cjk-overprint.pdf');
  // Drawn by pdf.js in the host's worker thread (src-main/previews/typeset-raster.ts) after the host starts.
  await expect.poll(async () => (await reader.api<PageViewReply>('document.pageView', { id: doc.id, page: 1 })).preview, { timeout: 60_000 }).toBe('ready');
  await reader.open(doc);
  await expect(app.page.locator(`canvas[data-painted="${doc.id}:1"]`)).toBeVisible({ timeout: 60_000 });
  await expect(app.page.getByTestId('page-preview')).toHaveCount(0);
});

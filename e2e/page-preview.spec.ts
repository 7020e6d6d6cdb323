import type { PageViewReply } from '../core/page-view/page-view-codec.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, test } from './support/fixtures.ts';

// The preview shown before the sharp page: page-preview-held.spec.ts (browser host).

test('a typeset page has no preview: pdf.js draws it directly', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  const doc = await reader.documentByFile('cjk-overprint.pdf');
  await expect.poll(async () => (await reader.api<PageViewReply>('document.pageView', { id: doc.id, page: 1 })).preview, { timeout: 60_000 }).toBe('none');
  await reader.open(doc);
  await expect(app.page.locator(`canvas[data-painted="${doc.id}:1"]`)).toBeVisible({ timeout: 60_000 });
  await expect(app.page.getByTestId('page-preview')).toHaveCount(0);
});

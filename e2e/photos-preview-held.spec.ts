import { PhotosPanel } from './pages/photos-panel.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * While a scan shows only its preview (pdf.js has not painted the sharp page
 * yet), the Photos panel crops its photos from the preview: the same page,
 * scaled. The original's download is held back to keep the page in that
 * state. Browser host only (playwright.config.ts): page.route does not see
 * Electron's app:// requests.
 */
test('the Photos panel shows the photos cropped from the preview before the sharp page paints', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  const photos = new PhotosPanel(app.page);
  const scan = await reader.documentByFile('evening-star-1918-09-01-p1.pdf');
  const release = await reader.openPreviewOnly(scan);

  // The cartoon (with its caption) is there and is a picture, not a blank box.
  const image = photos.images().first();
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute('alt', /SEPTEMBER MORN/i);
  expect(await reader.thumbnailContrast(image)).toBeGreaterThan(20);
  await saveScreenshot(app.page, 'photos-from-preview');

  // Once pdf.js paints, the crop is redone from the sharp page.
  const before = await image.getAttribute('src');
  release();
  await expect(app.page.locator(`canvas[data-painted="${scan.id}:1"]`)).toBeVisible({ timeout: 60_000 });
  await expect(image).not.toHaveAttribute('src', before!);
  expect(await reader.thumbnailContrast(image)).toBeGreaterThan(20);
});

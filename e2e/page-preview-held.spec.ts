import { PREVIEW_WIDTH } from '../src-main/previews/preview-service.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * A scanned page shows at once as its downscaled preview (made from the
 * scan's JPEG, served beside the original), and pdf.js's sharp page replaces
 * it when painted. The original's download is held back here so the two
 * states can be seen one after the other. Browser host only (playwright.config.ts):
 * page.route does not see Electron's app:// requests, so the original cannot be held there.
 */
const CASES = [
  // A scan's preview is its own JPEG, shrunk.
  { title: 'a scan shows its preview at once, then the sharp page replaces it', file: 'evening-star-1918-09-01-p1.pdf', shot: '' },
  // A typeset page's preview is the page as pdf.js draws it, drawn once by the host.
  { title: 'a typeset page shows its drawn preview at once, then the sharp page replaces it', file: 'cjk-overprint.pdf', shot: '-typeset' },
];

for (const { title, file, shot } of CASES) {
  test(title, async ({ app }) => {
    const reader = new ReaderPage(app.page);
    const doc = await reader.documentByFile(file);
    const release = await reader.openPreviewOnly(doc);

    const preview = app.page.getByTestId('page-preview');
    // The preview fills the page's box and is the page (a printed page, not a blank).
    const [img, surface] = [await preview.boundingBox(), await reader.pageSurface.boundingBox()];
    expect(img).toEqual(surface);
    expect(await preview.evaluate((el: HTMLCanvasElement) => el.width)).toBe(PREVIEW_WIDTH);
    expect(await reader.thumbnailContrast(preview)).toBeGreaterThan(30);
    // The text side is there already: the page view arrived compact and decoded.
    await expect(reader.blocks().first()).toBeVisible();
    await saveScreenshot(app.page, `page-preview${shot}`);

    release();
    await expect(app.page.locator(`canvas[data-painted="${doc.id}:1"]`)).toBeVisible({ timeout: 60_000 });
    await expect(preview).toHaveCount(0);
    await saveScreenshot(app.page, `page-sharp${shot}`);
  });
}

test('a page with nothing of it on screen after a moment says it is being drawn, until it is', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  const doc = await reader.documentByFile('evening-star-1918-09-01-p1.pdf');
  // Both the original and its preview held back: nothing of the page can be drawn (as while a damaged scan's preview
  // is still being made and pdf.js decodes the page).
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await app.page.route(new RegExp(`/files/${doc.id}(/preview/\\d+)?$`), async (route) => {
    await held;
    await route.continue();
  });
  await app.page.reload();
  await reader.open(doc);
  const note = app.page.getByRole('group', { name: 'Page image' }).getByRole('status');
  await expect(note).toHaveText('Drawing the page…');
  await saveScreenshot(app.page, 'page-drawing');
  release();
  await expect(app.page.locator(`canvas[data-painted="${doc.id}:1"]`)).toBeVisible({ timeout: 60_000 });
  await expect(note).toHaveCount(0);
});

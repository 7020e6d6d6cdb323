import { writeFileSync } from 'node:fs';
import type { DocumentSummary } from '../core/library-model.ts';
import type { Settings } from '../core/settings.ts';
import { generateNewspaperPdf } from '../scripts/fixtures/newspaper-pdf.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, test } from './support/fixtures.ts';

const FILE = 'multipage-20.pdf';
let reader: ReaderPage;
let doc: DocumentSummary;

test.beforeEach(async ({ app }, testInfo) => {
  reader = new ReaderPage(app.page);
  await expect(reader.library).toBeVisible();
  // A 20-page CJK newspaper made now, imported the way a reader would: the Import… button.
  const { pdf } = await generateNewspaperPdf({ pages: 20, seed: 7 });
  const path = testInfo.outputPath(FILE);
  writeFileSync(path, pdf);
  await reader.library.getByLabel('Import files').setInputFiles(path);
  await expect(app.page.getByRole('status').filter({ hasText: /Imported 1/ })).toBeVisible({ timeout: 45_000 });
  doc = await reader.documentByFile(FILE);
  expect(doc.pageCount).toBe(20);
  await reader.open(doc);
});

test('a 20-page document: thumbnails, page keys, one painted page, and the page survives a reload', async ({ app }) => {
  test.setTimeout(120_000);
  await expect(reader.thumbnails()).toHaveCount(20);
  await expect(reader.paintedPage()).toHaveAttribute('data-painted', `${doc.id}:1`);

  const page7 = await reader.pageModel(doc.id, 7);
  const page1 = await reader.pageModel(doc.id, 1);
  expect(page7.blocks[0].text).not.toBe(page1.blocks[0].text);
  await reader.thumbnails().nth(6).click();
  await expect(reader.paintedPage()).toHaveAttribute('data-painted', `${doc.id}:7`);
  await expect(reader.pageNumber()).toHaveValue('7');
  await expect(reader.thumbnails().nth(6)).toHaveAttribute('aria-current', 'page');
  await expect(reader.blocks()).toHaveCount(page7.blocks.length);
  expect(await reader.blockText(page7.blocks[0].id)).toBe(page7.blocks[0].text);
  // Only the page being read is rendered full size: one page canvas, painted once for page 7.
  await expect(reader.original.locator('canvas')).toHaveCount(1);
  await expect(app.page.locator('canvas[data-painted]')).toHaveCount(1);

  for (const [key, n] of [
    ['ArrowRight', 8],
    ['PageDown', 9],
    ['ArrowLeft', 8],
    ['PageUp', 7],
  ] as const) {
    await app.page.keyboard.press(key);
    await expect(reader.paintedPage(), key).toHaveAttribute('data-painted', `${doc.id}:${n}`);
    await expect(reader.pageNumber(), key).toHaveValue(String(n));
  }
  const page8 = await reader.pageModel(doc.id, 8);
  await app.page.keyboard.press('ArrowRight');
  await expect(reader.block(page8.blocks[0].id)).toHaveText(page8.blocks[0].text);

  // The thumbnail of the page being read is a real picture of it.
  const thumb = reader.thumbnails().nth(7).getByTestId('thumb-image');
  await expect(thumb).toBeVisible({ timeout: 30_000 });
  expect(await reader.thumbnailContrast(thumb)).toBeGreaterThan(6);

  await expect.poll(async () => (await reader.api<Settings>('settings.get')).lastPage).toBe(8);
  await app.page.reload();
  await expect(reader.libraryEntry(doc)).toHaveAttribute('aria-current', 'true');
  await expect(reader.pageNumber()).toHaveValue('8');
  await expect(reader.paintedPage()).toHaveAttribute('data-painted', `${doc.id}:8`);
  await expect(reader.blocks()).toHaveCount(page8.blocks.length);
});

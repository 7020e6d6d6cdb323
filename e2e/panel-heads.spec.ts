import { writeFileSync } from 'node:fs';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { Locator } from '@playwright/test';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';
import { rowsOf, type Box } from './support/rows.ts';

/** The panel heads a new user's walk found cut off, wrapped or jumping (the Library's, the page's tools). */

/** Each part's name whose box goes past the panel's left or right edge (hidden parts left out). */
async function spilled(panel: Locator, parts: [string, Locator][]): Promise<string[]> {
  const outer = (await panel.boundingBox())!;
  const out: string[] = [];
  for (const [name, part] of parts) {
    const box = await part.boundingBox();
    if (!box || box.width === 0) continue;
    if (box.x < outer.x - 0.5 || box.x + box.width > outer.x + outer.width + 0.5) out.push(`${name} (${Math.round(box.x)}..${Math.round(box.x + box.width)} of ${Math.round(outer.x)}..${Math.round(outer.x + outer.width)})`);
  }
  return out;
}

test('the Library header keeps "1 of N", Import… and Folder… inside the panel with a filter on, at its default and minimum widths', async ({ app }) => {
  await app.page.setViewportSize({ width: 1280, height: 800 });
  const reader = new ReaderPage(app.page);
  await expect(reader.library).toBeVisible();
  await reader.libraryFilter.fill('latin');
  const count = reader.library.getByText(/^\d+ of \d+$/);
  await expect(count).toBeVisible();
  const parts: [string, Locator][] = [
    ['heading', reader.library.getByRole('heading', { name: 'Library' })],
    ['count', count],
    ['Import…', reader.library.getByRole('button', { name: 'Import…', exact: true })],
    ['Folder…', reader.library.getByRole('button', { name: 'Folder…', exact: true })],
  ];
  expect(await spilled(reader.library, parts)).toEqual([]);
  await saveScreenshot(app.page, 'library-head-filtered');

  // The panel at its narrowest (the workspace's column gives it 230 px at the least).
  await reader.library.evaluate((el) => ((el as HTMLElement).style.width = '230px'));
  expect((await reader.library.boundingBox())!.width).toBe(230);
  expect(await spilled(reader.library, parts)).toEqual([]);
  await app.page.screenshot({ path: 'e2e/screenshots/library-head-filtered-230.png', clip: { x: 0, y: 0, width: 320, height: 160 } });
});

test('the page image stays put when the open document gains a newspaper and a date', async ({ app }) => {
  await app.page.setViewportSize({ width: 1280, height: 800 });
  const reader = new ReaderPage(app.page);
  const doc = await reader.documentByFile('latin-columns.pdf');
  await reader.open(doc);
  await expect(reader.paintedPage()).toHaveAttribute('data-painted', `${doc.id}:1`);
  await expect(reader.issuePlace()).toHaveCount(0);
  // Measured with the page whole: its text views built and the document's tools in the top bar (they join it once the
  // views are decoded, after the page paints).
  await reader.textRendered();
  await expect(app.page.getByRole('banner').getByRole('group', { name: 'Text panels' })).toBeVisible();
  const before = (await reader.paintedPage().boundingBox())!;
  const zoomBefore = (await reader.zoomLevel().boundingBox())!;

  await app.page.getByRole('button', { name: 'Details…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Document details' });
  // A newspaper and a day no other document has: the page is its issue's only one ("Page 1 of 1 · …").
  await dialog.getByLabel('Newspaper').fill('The Latin Columns Gazette');
  await dialog.getByLabel('Date').fill('1865-02-14');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  await expect(reader.issuePlace()).toHaveText(/^Page 1 of 1 · /);
  await expect(reader.paintedPage()).toHaveAttribute('data-painted', `${doc.id}:1`);
  const after = (await reader.paintedPage().boundingBox())!;
  expect(after.y).toBe(before.y);
  expect((await reader.zoomLevel().boundingBox())!.y).toBe(zoomBefore.y);
  await saveScreenshot(app.page, 'page-tools-issue-place');
});

test('the page tools stay on one row at 1280 and 1400 px with a 4-digit page count', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  const reader = new ReaderPage(app.page);
  await expect(reader.library).toBeVisible();
  // 1000 small pages, a word each: the toolbar's width depends on the count's digits, not on what the pages hold.
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 1000; n++) pdf.addPage([300, 400]).drawText(`Page ${n}`, { x: 40, y: 340, size: 18, font });
  const path = testInfo.outputPath('long-1000.pdf');
  writeFileSync(path, await pdf.save());
  await reader.library.getByLabel('Import files').setInputFiles(path);
  await expect(app.page.getByRole('status').filter({ hasText: /Imported 1/ })).toBeVisible({ timeout: 150_000 });
  const doc = await reader.documentByFile('long-1000.pdf');
  expect(doc.pageCount).toBe(1000);
  await reader.open(doc);
  await expect(reader.original.getByText('of 1000', { exact: true })).toBeVisible();

  const tools = reader.original.getByRole('group', { name: 'Pages' }).or(reader.original.getByRole('group', { name: 'Zoom' }));
  const named = ['Previous page', 'Next page', 'Zoom out', 'Zoom in', 'Fit width', 'Fit page', 'Draw area'];
  for (const width of [1280, 1400, 1920]) {
    await app.page.setViewportSize({ width, height: 800 });
    const parts: [string, Locator][] = named.map((name) => [name, reader.original.getByRole('button', { name, exact: true })]);
    parts.push(['Page number', reader.pageNumber()], ['Zoom level', reader.zoomLevel()]);
    const boxes: Box[] = [];
    for (const [name, part] of parts) {
      await expect(part, `${name} at ${width} px`).toBeVisible();
      boxes.push((await part.boundingBox())!);
    }
    expect(rowsOf(boxes), `rows of page tools at ${width} px`).toBe(1);
    expect(await spilled(reader.original, parts), `at ${width} px`).toEqual([]);
    await expect(tools).toHaveCount(2);
    await saveScreenshot(app.page, `page-tools-${width}`);
  }
});

test('the cleaned text’s header reads whole, "layout from the PDF" not cut: beside the heading at 1440 px, under it at 1024', async ({ app }) => {
  test.setTimeout(120_000); // opening the 1918 scan and two layouts: past 60 s on a loaded 2-core machine
  const reader = new ReaderPage(app.page);
  const doc = await reader.documentByFile('evening-star-1918-09-01-p1.pdf');
  const model = await reader.pageModel(doc.id, 1);
  await reader.open(doc);
  await expect(reader.blocks()).toHaveCount(model.blocks.length);
  const whole = `${model.blocks.length} blocks · layout from the PDF`;
  for (const [width, besideHeading] of [[1440, true], [1024, false]] as const) {
    await app.page.setViewportSize({ width, height: 800 });
    // Polled until the columns have taken the new width and the header its new rows.
    await expect
      .poll(() => reader.cleanedHeadLayout(), { message: `at ${width} px` })
      .toEqual({ text: whole, fits: true, lines: 1, besideHeading, insideHead: true, levelWithRaw: true });
    await saveScreenshot(app.page, `cleaned-head-${width}`);
  }
  // "j/k to step" is named on the text itself, for the column it no longer fits in.
  await expect(reader.cleaned.getByRole('group', { name: 'Cleaned text, as read' })).toHaveAttribute('aria-keyshortcuts', 'j k');
});

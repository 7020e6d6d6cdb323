import type { Locator, Page } from '@playwright/test';
import { LibraryPanelPage } from './pages/library-panel-page.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/** Drops files on the window, as the archivist drags them from a file manager. */
async function drop(page: Page, files: Array<[content: string, name: string, type: string]>): Promise<void> {
  await page.evaluate((files) => {
    const dt = new DataTransfer();
    for (const [content, name, type] of files) dt.items.add(new File([content], name, { type }));
    document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
}

/** Whether two elements' boxes on screen overlap (by more than half a pixel). */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [p, q] = [(await a.boundingBox())!, (await b.boundingBox())!];
  return !(p.x + p.width <= q.x + 0.5 || q.x + q.width <= p.x + 0.5 || p.y + p.height <= q.y + 0.5 || q.y + q.height <= p.y + 0.5);
}

async function openAt1000(page: Page): Promise<{ panel: LibraryPanelPage; reader: ReaderPage }> {
  await page.setViewportSize({ width: 1000, height: 800 });
  const panel = new LibraryPanelPage(page);
  const reader = new ReaderPage(page);
  await expect(reader.original).toBeVisible();
  await expect(panel.topBar.getByRole('group', { name: 'Text panels' })).toBeVisible();
  return { panel, reader };
}

/**
 * An import that skipped files: its report under the top bar already says the summary and lists every file, so
 * "Show all" leads there (focus and all, for the keyboard and a screen reader) instead of laying a second copy of
 * the summary over the report's heading. Once the report is dismissed, "Show all" opens the status in full as a
 * line of its own under the bar: in the page's flow, over nothing (the page tools stay where they are, usable).
 */
test('"Show all" leads to the import report on screen, else shows the status in full under the bar, covering nothing', async ({ app }) => {
  const { panel, reader } = await openAt1000(app.page);
  await drop(app.page, [['<alto/>', 'evening-star-1870-03-15-p1.alto.xml', 'text/xml']]);
  const summary = 'Nothing imported: 1 skipped.';
  await expect(panel.status).toHaveText(summary, { timeout: 30_000 });
  const note = app.page.getByRole('region', { name: `${summary} What was skipped, and why:` });
  await expect(note).toBeVisible();
  await expect(note.getByRole('list', { name: 'Files skipped' }).getByRole('listitem')).toHaveText([/^Skipped evening-star-1870-03-15-p1\.alto\.xml: /]);
  await expect(panel.showAll).toBeVisible();
  // No tooltip on the status: a native one, once shown, stays over whatever opens under it until the pointer moves.
  await expect(panel.topBar.locator('[title]')).toHaveCount(0);

  // Click: the report is where the whole list is, said once; no copy of the summary opens over its heading.
  await panel.showAll.click();
  await expect(panel.importReport).toBeFocused();
  await expect(panel.statusInFull).toHaveCount(0);
  await expect(app.page.getByText(summary, { exact: true })).toHaveCount(1);
  await saveScreenshot(app.page, 'topbar-status-report');
  // Keyboard: the same from Enter, and the report's list follows in the tab order.
  await panel.showAll.focus();
  await app.page.keyboard.press('Enter');
  await expect(panel.importReport).toBeFocused();
  await app.page.keyboard.press('Tab');
  await expect(panel.importReport.getByRole('button', { name: 'Dismiss import report' })).toBeFocused();
  await app.page.keyboard.press('Enter');
  await expect(panel.importReport).toHaveCount(0);
  // The focus goes back to "Show all", which led there: not to <body>.
  await expect(panel.showAll).toBeFocused();

  // The report dismissed, "Show all" is a disclosure of the status in full, under the bar and over nothing.
  await expect(panel.showAll).toHaveAttribute('aria-expanded', 'false');
  const tools = app.page.getByRole('group', { name: 'Zoom' });
  const pageNumber = app.page.getByRole('textbox', { name: 'Page number' });
  const toolsBefore = (await tools.boundingBox())!;
  await panel.showAll.click();
  await expect(panel.statusInFull).toHaveText(summary);
  await expect(panel.showAll).toHaveAttribute('aria-expanded', 'true');
  await expect(panel.topBar.locator('[title]')).toHaveCount(0);
  for (const under of [tools, pageNumber, panel.topBar, panel.library.getByRole('heading', { name: 'Library' })]) expect(await overlap(panel.statusInFull, under)).toBe(false);
  // The page tools moved down with the page (the line is in the flow), and they answer while it is open.
  expect((await tools.boundingBox())!.y).toBeGreaterThan(toolsBefore.y);
  const zoom = tools.getByLabel('Zoom level');
  const before = await zoom.textContent();
  await tools.getByRole('button', { name: 'Zoom in' }).click();
  await expect(zoom).not.toHaveText(before!);
  await expect(panel.statusInFull).toBeVisible();
  await saveScreenshot(app.page, 'topbar-status-open');

  // Escape closes it and gives the focus back to "Show all"; Enter opens it again; "Show all" toggles it.
  await panel.showAll.focus();
  await app.page.keyboard.press('Escape');
  await expect(panel.statusInFull).toHaveCount(0);
  await expect(panel.showAll).toBeFocused();
  await app.page.keyboard.press('Enter');
  await expect(panel.statusInFull).toBeVisible();
  await panel.showAll.click();
  await expect(panel.statusInFull).toHaveCount(0);
  await expect(reader.original).toBeVisible();
});

/** The red alert of a failed file is on top of the window's Escape: with no popover over it, Escape dismisses it. */
test('"Show all" with a failed and a skipped file: the report (alert and note) is where it leads, and Escape dismisses it', async ({ app }) => {
  const { panel } = await openAt1000(app.page);
  await drop(app.page, [
    ['this is not a pdf', 'fake-scan.pdf', 'application/pdf'],
    ['<alto/>', 'evening-star-1870-03-15-p1.alto.xml', 'text/xml'],
  ]);
  await expect(panel.status).toHaveText('Nothing imported: 1 failed, 1 skipped.', { timeout: 30_000 });
  const alert = app.page.getByRole('alert').filter({ has: app.page.getByRole('list', { name: 'Files not imported' }) });
  await expect(alert).toBeVisible();
  await panel.showAll.click();
  await expect(panel.importReport).toBeFocused();
  await expect(panel.statusInFull).toHaveCount(0);
  await app.page.keyboard.press('Escape');
  await expect(alert).toBeHidden();
  // Escape in the report gives the focus back to "Show all", which led there: it was left on <body>.
  await expect(panel.showAll).toBeFocused();
  await saveScreenshot(app.page, 'topbar-status-closed');
});

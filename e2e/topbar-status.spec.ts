import { LibraryPanelPage } from './pages/library-panel-page.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/**
 * The top bar's "Show all" popover behaves as a disclosure's popover: it is on top, so Escape closes it (not the red
 * import alert under it) and gives the focus back to "Show all"; a click anywhere else closes it, so it does not stay
 * over the page tools.
 */
test('"Show all": Escape closes the popover before the import alert, a click elsewhere closes it, focus returns', async ({ app }) => {
  await app.page.setViewportSize({ width: 1000, height: 800 });
  const panel = new LibraryPanelPage(app.page);
  const reader = new ReaderPage(app.page);
  await expect(reader.original).toBeVisible();
  await expect(panel.topBar.getByRole('group', { name: 'Text panels' })).toBeVisible();
  // One file that fails (a red alert) and one skipped: a summary longer than the room the bar has at 1000 px.
  await app.page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['this is not a pdf'], 'fake-scan.pdf', { type: 'application/pdf' }));
    dt.items.add(new File(['<alto/>'], 'evening-star-1870-03-15-p1.alto.xml', { type: 'text/xml' }));
    document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  const summary = 'Nothing imported: 1 failed, 1 skipped.';
  await expect(panel.status).toHaveText(summary, { timeout: 30_000 });
  const alert = app.page.getByRole('alert').filter({ has: app.page.getByRole('list', { name: 'Files not imported' }) });
  await expect(alert).toBeVisible();
  await expect(panel.showAll).toHaveAttribute('aria-expanded', 'false');

  // Escape: the popover (on top) closes, the alert under it stays, and the focus is back on "Show all".
  await panel.showAll.click();
  await expect(panel.statusInFull).toHaveText(summary);
  await expect(panel.showAll).toHaveAttribute('aria-expanded', 'true');
  await saveScreenshot(app.page, 'topbar-status-open');
  await app.page.keyboard.press('Escape');
  await expect(panel.statusInFull).toBeHidden();
  await expect(panel.showAll).toHaveAttribute('aria-expanded', 'false');
  await expect(alert).toBeVisible();
  await expect(panel.showAll).toBeFocused();

  // Enter opens it again from the keyboard; a click elsewhere (the library list) closes it.
  await app.page.keyboard.press('Enter');
  await expect(panel.statusInFull).toBeVisible();
  await panel.library.getByRole('heading', { name: 'Library' }).click();
  await expect(panel.statusInFull).toBeHidden();
  await expect(panel.showAll).toHaveAttribute('aria-expanded', 'false');

  // Clicking "Show all" again still toggles it (the press on the button is no click elsewhere).
  await panel.showAll.click();
  await expect(panel.statusInFull).toBeVisible();
  await panel.showAll.click();
  await expect(panel.statusInFull).toBeHidden();

  // With the popover closed, Escape is the window's again: it dismisses the alert.
  await panel.showAll.focus();
  await app.page.keyboard.press('Escape');
  await expect(alert).toBeHidden();
  await saveScreenshot(app.page, 'topbar-status-closed');
});

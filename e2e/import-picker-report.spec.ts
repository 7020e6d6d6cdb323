import { LibraryPanelPage } from './pages/library-panel-page.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

/** A file as the archivist picks it in Import…'s dialog. */
const file = (name: string, content: string) => ({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(content) });

const NOT_A_PAGE = (ext: string) => `not a page file (.${ext}; Broadsheet imports .pdf and .txt)`;

/**
 * Import… sorts what it is given by the rule Folder…, a drop and the CLI's folder walk use (core skipReason):
 * a test's expected JSON or a README picked with the pages is skipped, in the neutral note, never a red failure.
 * A grouped skip line names three files: "Show all 6" lists every one, sorted by name.
 */
test('Import… skips non-page files in the neutral note, as Folder… and a drop do, and lists every skipped file', async ({ app }) => {
  await app.page.setViewportSize({ width: 1400, height: 900 });
  const panel = new LibraryPanelPage(app.page);
  await expect(new ReaderPage(app.page).original).toBeVisible();
  const json = ['p3.expected.json', 'p1.expected.json', 'b.json', 'p10.expected.json', 'a.json', 'p2.expected.json'];
  await panel.importFiles([...json.map((name) => file(name, '{}')), file('notes.md', '# notes')]);
  await expect(panel.status).toHaveText('Nothing imported: 7 skipped.', { timeout: 30_000 });
  await expect(app.page.getByRole('alert')).toHaveCount(0);
  const note = panel.skippedNote.getByRole('list', { name: 'Files skipped' });
  await expect(note.getByRole('listitem')).toHaveText([
    new RegExp(`^Skipped 6 files: ${NOT_A_PAGE('json').replace(/[().]/g, '\\$&')} \\(p3\\.expected\\.json, p1\\.expected\\.json, b\\.json and 3 more\\)`),
    `Skipped notes.md: ${NOT_A_PAGE('md')}`,
  ]);

  // "and 3 more" is never a dead end: every file, sorted by name, behind a disclosure.
  const showAll = panel.skippedNote.getByRole('button', { name: 'Show all 6' });
  await expect(showAll).toHaveAttribute('aria-expanded', 'false');
  await showAll.press('Enter');
  const all = panel.skippedNote.getByRole('list', { name: 'All 6 skipped files' });
  await expect(all.getByRole('listitem')).toHaveText(['a.json', 'b.json', 'p1.expected.json', 'p2.expected.json', 'p3.expected.json', 'p10.expected.json']);
  await expect(panel.skippedNote.getByRole('button', { name: 'Hide the list' })).toHaveAttribute('aria-expanded', 'true');
  await saveScreenshot(app.page, 'import-picker-skipped');
});

/** Seven failures at 1400×900: the list holds about six lines; the rest are reachable, and the report says they are there. */
test('a long failures alert says there is more below, and scrolls from the keyboard to its last entry', async ({ app }) => {
  await app.page.setViewportSize({ width: 1400, height: 900 });
  const panel = new LibraryPanelPage(app.page);
  await expect(new ReaderPage(app.page).original).toBeVisible();
  const names = [1, 2, 3, 4, 5, 6, 7].map((n) => `scan-${n}.pdf`);
  await panel.importFiles(names.map((name) => file(name, 'this is not a pdf')));
  await expect(panel.status).toHaveText('Nothing imported: 7 failed.', { timeout: 30_000 });
  const list = panel.failures.getByRole('list', { name: 'Files not imported' });
  const items = list.getByRole('listitem');
  await expect(items).toHaveCount(7);
  await expect(items.last()).toHaveText(`scan-7.pdf: not a PDF (no %PDF- header)`);
  // Cut off at first, and said so.
  await expect(items.last()).not.toBeInViewport({ ratio: 1 });
  const cue = panel.failures.getByText(/more below \(7 in all\)/);
  await expect(cue).toBeVisible();
  await saveScreenshot(app.page, 'import-failures-more-below');

  // The list is a stop of the tab order: End scrolls it to its last entry, and the cue goes.
  await panel.failures.getByRole('button', { name: 'Dismiss import report' }).focus();
  await app.page.keyboard.press('Tab');
  await expect(list).toBeFocused();
  await app.page.keyboard.press('End');
  await expect(items.last()).toBeInViewport({ ratio: 1 });
  await expect(cue).toHaveCount(0);
});

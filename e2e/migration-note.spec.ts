import { readdirSync } from 'node:fs';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, test } from './support/fixtures.ts';

/**
 * Opening a library an older Broadsheet wrote updates its file after a backup
 * (src-main/library/migrations.ts). The new-user walk found that silent: the
 * app now says so once, naming the backup, in a note the archivist dismisses.
 */

test.describe('a library from an older version', () => {
  test.use({ librarySchema: 10 });

  test('says it was updated and where the backup of the old file is, until dismissed', async ({ app }) => {
    const note = app.page.getByRole('note', { name: 'Library updated' });
    await expect(note).toContainText(/^library \S+ updated from schema v10 to v\d+; a backup of the old file is at \S*library\.sqlite\.bak-v10-/);
    const backups = readdirSync(app.libraryDir).filter((f) => f.startsWith('library.sqlite.bak-v10-'));
    expect(backups).toHaveLength(1);
    await expect(note).toContainText(backups[0]);
    await note.getByRole('button', { name: 'Dismiss note' }).click();
    await expect(note).toBeHidden();
  });
});

test('a current library opens without a note', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  await expect(reader.library.getByText('cjk-overprint.pdf')).toBeVisible();
  // What the note is made from says nothing was migrated, so no note can come later either.
  expect((await reader.api<{ migrated?: unknown }>('app.info')).migrated ?? null).toBeNull();
  await expect(app.page.getByRole('note', { name: 'Library updated' })).toHaveCount(0);
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { DocumentSummary } from '../core/library-model.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { ROOT } from './support/host-process.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';

test('the archivist removes a document after confirming, and the library stays verifiable', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  const doc = await reader.documentByFile('latin-columns.pdf');
  await reader.open(doc);
  await app.page.getByRole('button', { name: 'Details…' }).click();
  const details = app.page.getByRole('dialog', { name: 'Document details' });
  await details.getByRole('button', { name: 'Remove…' }).click();

  const confirm = app.page.getByRole('alertdialog', { name: 'Remove from the library?' });
  await expect(confirm).toContainText('latin-columns.pdf');
  await expect(confirm).toContainText('cannot be undone');
  await saveScreenshot(app.page, 'remove-confirm');

  // Cancel keeps everything.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
  expect((await reader.api<DocumentSummary[]>('library.list')).map((d) => d.id)).toContain(doc.id);

  await details.getByRole('button', { name: 'Remove…' }).click();
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(details).toBeHidden();
  await expect(app.page.getByRole('status')).toContainText('Removed latin-columns.pdf');
  await expect(reader.library.getByRole('button', { name: /latin-columns\.pdf/ })).toHaveCount(0);
  const left = await reader.api<DocumentSummary[]>('library.list');
  expect(left.map((d) => d.id)).not.toContain(doc.id);
  expect(left.length).toBeGreaterThan(0);

  // The library on disk agrees: every remaining original matches its fixity record, nothing stray is left.
  const verify = spawnSync(join(ROOT, 'bin', 'broadsheet'), ['verify', '--library', app.libraryDir], { encoding: 'utf8' });
  expect(verify.stderr).toBe('');
  expect(verify.status).toBe(0);
});

test('removing the document search was limited to gives search back to the whole library, and says so', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  const doc = await reader.documentByFile('latin-columns.pdf');
  await reader.open(doc);
  await expect(reader.blocks().first()).toBeVisible();
  await app.page.keyboard.press('Control+f');
  await expect(reader.searchRegion.getByRole('button', { name: /This document/ })).toBeVisible();
  await expect(reader.search).toHaveAttribute('placeholder', 'Search this document');
  await reader.search.blur();

  await app.page.getByRole('button', { name: 'Details…' }).click();
  const details = app.page.getByRole('dialog', { name: 'Document details' });
  await details.getByRole('button', { name: 'Remove…' }).click();
  await app.page.getByRole('alertdialog', { name: 'Remove from the library?' }).getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(details).toBeHidden();

  await expect(app.page.getByRole('status')).toContainText('Removed latin-columns.pdf');
  await expect(app.page.getByRole('status')).toContainText('Search covers the whole library again.');
  await expect(reader.searchRegion.getByRole('button', { name: /This document/ })).toHaveCount(0);
  await expect(reader.search).not.toHaveAttribute('placeholder', 'Search this document');
  await saveScreenshot(app.page, 'remove-scoped-search');
});

import { isoMinute } from '../core/iso-time.ts';
import type { DocumentDetail, DocumentSummary } from '../core/library-model.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, test } from './support/fixtures.ts';

test('the archivist corrects a document’s metadata and sees its fixity', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  const doc = await reader.documentByFile('latin-columns.pdf');
  await reader.open(doc);
  await app.page.getByRole('button', { name: 'Details…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Document details' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(doc.id)).toBeVisible(); // the SHA-256 digest
  // When fixity was last checked, in ISO 8601 as every date in the app (not the locale's 11/29/2026, 2:35 PM).
  const detail = await reader.api<DocumentDetail>('document.get', { id: doc.id });
  await expect(dialog.getByText(isoMinute(detail.fixity.checkedAt), { exact: true })).toBeVisible();
  await expect(dialog.getByText(isoMinute(detail.fixity.checkedAt), { exact: true })).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

  // A bad date is refused by the back end; the dialog keeps what was typed.
  await dialog.getByLabel('Newspaper').fill('The Evening Star');
  await dialog.getByLabel('Date').fill('1918-9-1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Date: expected YYYY, YYYY-MM or YYYY-MM-DD');
  // The back end's structured error (field + reason) marks the field itself, with the alert as its message.
  await expect(dialog.getByLabel('Date')).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByLabel('Date')).toHaveAttribute('aria-errormessage', (await dialog.getByRole('alert').getAttribute('id'))!);
  await expect(dialog.getByLabel('Newspaper')).not.toHaveAttribute('aria-invalid');
  await expect(dialog.getByLabel('Newspaper')).toHaveValue('The Evening Star');
  // Marked where it can be seen too: the refused field's border is not the others'.
  const border = (label: string) => dialog.getByLabel(label).evaluate((el) => getComputedStyle(el).borderTopColor);
  expect(await border('Date')).not.toBe(await border('Newspaper'));
  // Editing the refused field takes its mark and message away: they never describe text no longer there.
  await dialog.getByLabel('Date').fill('1918-02-30');
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(dialog.getByLabel('Date')).not.toHaveAttribute('aria-invalid');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Date: no day 30 in 1918-02 (it has 28 days)');

  await dialog.getByLabel('Date').fill('1918-09-01');
  await dialog.getByLabel('Page').fill('3');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const saved = await reader.api<DocumentDetail>('document.get', { id: doc.id });
  expect(saved).toMatchObject({ newspaper: 'The Evening Star', date: '1918-09-01', page: 3 });
  expect(saved.fixity.digest).toBe(doc.id);
  const entry = reader.library.getByRole('button', { name: /latin-columns\.pdf/ });
  await expect(entry).toContainText('The Evening Star');
  await expect(entry).toContainText('1918-09-01');
  const list = await reader.api<DocumentSummary[]>('library.list', { newspaper: 'The Evening Star' });
  expect(list.map((d) => d.id)).toEqual([doc.id]);
});

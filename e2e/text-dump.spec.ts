import { ReaderPage } from './pages/reader-page.ts';
import { expect, test } from './support/fixtures.ts';

/** The first lines of the reference dump (../shared/seed), as extracted: every run drawn twice, one blank line between lines. */
const SEED_OPENING = [
  '来到大陈村职工活动中心来到大陈村职工活动中心，，你不禁你不禁',
  '',
  '会羡慕生活在这里的职工会羡慕生活在这里的职工。。区域职工活区域职工活',
  '',
  '动中心里面运动设施齐全动中心里面运动设施齐全，，职工想活动职工想活动',
  '',
  '了随时都可以来了随时都可以来。。',
  '',
  '围绕中心服务大局',
  '发挥工人阶级力量',
  '',
].join('\n');

test('a raw text dump imports as a text-only page, cleaned beside its doubled raw form', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  await reader.library.getByLabel('Import files').setInputFiles({ name: 'yongkang-seed-opening.txt', mimeType: 'text/plain', buffer: Buffer.from(SEED_OPENING) });
  await expect(app.page.getByRole('status').filter({ hasText: /Imported 1/ })).toBeVisible({ timeout: 30_000 });
  await reader.open(await reader.documentByFile('yongkang-seed-opening.txt'));

  await expect(reader.cleaned).toContainText('来到大陈村职工活动中心，你不禁会羡慕生活在这里的职工。区域职工活动中心里面运动设施齐全，职工想活动了随时都可以来。');
  await expect(reader.cleaned.getByRole('heading', { name: /围绕中心服务大局/ })).toBeVisible();
  expect(await reader.rawText()).toContain('来到大陈村职工活动中心来到大陈村职工活动中心，，你不禁你不禁');
  await expect(reader.original).toContainText('No page image');
});

test('a text dump’s details say they were guessed from its file name alone: it has no PDF data to guess from', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  await reader.library.getByLabel('Import files').setInputFiles({ name: 'dump-details.txt', mimeType: 'text/plain', buffer: Buffer.from(SEED_OPENING) });
  await expect(app.page.getByRole('status').filter({ hasText: /Imported 1/ })).toBeVisible({ timeout: 30_000 });
  await reader.open(await reader.documentByFile('dump-details.txt'));
  await app.page.getByRole('button', { name: 'Details…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Document details' });
  await expect(dialog.getByText(/^Guessed at import/)).toHaveText('Guessed at import from the file name; Save confirms them.');
  await dialog.press('Escape');
});

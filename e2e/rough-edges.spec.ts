import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentSummary } from '../core/library-model.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { expect, saveScreenshot, test } from './support/fixtures.ts';
import { cliImport, ROOT } from './support/host-process.ts';

/** What a new user tripped over (issue 13), each as the user met it. */

let reader: ReaderPage;
let star: DocumentSummary;
let latin: DocumentSummary;

test.beforeEach(async ({ app }) => {
  reader = new ReaderPage(app.page);
  await expect(reader.library).toBeVisible();
  star = await reader.documentByFile('evening-star-1918-09-01-p1.pdf');
  latin = await reader.documentByFile('latin-columns.pdf');
});

/** The window itself never scrolls at this size: the panels do. */
const windowScroll = (r: ReaderPage) => r.page.evaluate(() => document.scrollingElement!.scrollTop);

test('another document opens at the top of its raw and cleaned text, not where the last was left', async () => {
  await reader.open(star);
  await expect(reader.blocks().first()).toBeVisible();
  for (const s of [reader.rawScroller(), reader.cleanedScroller()]) await s.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect.poll(() => reader.rawScroller().evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
  await reader.open(latin);
  await expect.poll(() => reader.rawScroller().evaluate((el) => el.scrollTop)).toBe(0);
  await expect.poll(() => reader.cleanedScroller().evaluate((el) => el.scrollTop)).toBe(0);
  await expect(reader.blocks().first()).toBeInViewport();
});

test('"Next change" scrolls the raw panel only: the window and its top bar stay put', async ({ app }) => {
  await reader.open(star);
  await reader.showRemovals().click();
  // Every scroll of the window from here on, however brief: a smooth scroll that moved it would be over by a check at
  // the end (or not yet begun, after a sleep too short on a loaded machine).
  await app.page.evaluate(() => {
    const w = window as unknown as { windowScrolledTo: number };
    w.windowScrolledTo = 0;
    window.addEventListener('scroll', () => (w.windowScrolledTo = Math.max(w.windowScrolledTo, document.scrollingElement!.scrollTop)));
  });
  const next = reader.raw.getByRole('button', { name: 'Next change' });
  for (let i = 0; i < 4; i++) await next.click();
  await expect(reader.raw.locator('del[data-edit]').nth(3)).toBeFocused();
  await expect(reader.raw.locator('del[data-edit]').nth(3)).toBeInViewport();
  expect(await app.page.evaluate(() => (window as unknown as { windowScrolledTo: number }).windowScrolledTo)).toBe(0);
  expect(await windowScroll(reader)).toBe(0);
  await expect(reader.search).toBeInViewport({ ratio: 1 });
});

test('Details… refuses a date that does not exist and says why', async ({ app }) => {
  await reader.open(latin);
  await app.page.getByRole('button', { name: 'Details…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Document details' });
  for (const [bad, why] of [
    ['1865-02-30', /^Date: no day 30 in 1865-02/],
    ['1865-13-45', /^Date: no month 13/],
  ] as const) {
    await dialog.getByLabel('Date').fill(bad);
    await dialog.getByRole('button', { name: 'Save' }).click();
    // Said as the field and the reason, not as the request's internal name.
    await expect(dialog.getByRole('alert')).toHaveText(why);
    await expect(dialog).toBeVisible();
  }
  expect((await reader.api<DocumentSummary>('document.get', { id: latin.id })).date).toBe(latin.date);
});

test('importing several bad files names every one of them once', async ({ app }, testInfo) => {
  const names = ['fake-scan.pdf', 'empty.pdf', 'garbage.pdf', 'notes.txt', 'photo.pdf'];
  const paths = names.map((n) => testInfo.outputPath(n));
  writeFileSync(paths[0], 'this is not a pdf');
  writeFileSync(paths[1], '');
  writeFileSync(paths[2], Buffer.alloc(300, 1));
  writeFileSync(paths[3], Buffer.from([0xff, 0xfe, 0x00, 0xd8]));
  writeFileSync(paths[4], 'JFIF');
  await reader.library.getByLabel('Import files').setInputFiles(paths);
  const report = app.page.getByRole('alert').filter({ has: app.page.getByRole('list', { name: 'Files not imported' }) });
  await expect(report).toBeVisible({ timeout: 30_000 });
  const items = await report.getByRole('listitem').allInnerTexts();
  expect(items).toHaveLength(5);
  for (const n of names) {
    const line = items.find((l) => l.startsWith(`${n}: `));
    expect(line, n).toBeTruthy();
    expect(line!.slice(n.length + 2)).not.toContain(n);
  }
  await expect(app.page.getByRole('status').filter({ hasText: 'Nothing imported: 5 failed.' })).toBeVisible();
  await saveScreenshot(app.page, 'import-failures');
});

test('dropping only ALTO/METS XML says what was skipped and why', async ({ app }) => {
  await app.page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['<alto/>'], 'sn83045462-1918-09-01-p1.xml', { type: 'text/xml' }));
    dt.items.add(new File(['<mets/>'], 'mets.xml', { type: 'text/xml' }));
    document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  // Skipping is deliberate: a neutral note saying what and why, no red alert.
  const report = app.page.getByRole('region', { name: /What was skipped, and why/ });
  await expect(report.getByRole('listitem')).toHaveText([/^Skipped sn83045462-1918-09-01-p1\.xml: XML \(ALTO\/METS/, /^Skipped mets\.xml: XML/]);
  await expect(app.page.getByRole('status').filter({ hasText: 'Nothing imported: 2 skipped.' })).toBeVisible();
  await expect(app.page.getByRole('alert')).toHaveCount(0);
});

test('a skipped file is a neutral note apart from the red failures, not one of them', async ({ app }) => {
  await app.page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['this is not a pdf'], 'fake-scan.pdf', { type: 'application/pdf' }));
    dt.items.add(new File(['<alto/>'], 'evening-star-1870-03-15-p1.alto.xml', { type: 'text/xml' }));
    document.querySelector('.app')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  const failures = app.page.getByRole('alert').filter({ has: app.page.getByRole('list', { name: 'Files not imported' }) });
  await expect(failures).toBeVisible({ timeout: 30_000 });
  await expect(failures).toHaveAccessibleName('1 of the files could not be imported:');
  await expect(failures.getByRole('listitem')).toHaveText([/^fake-scan\.pdf: /]);
  const skipped = app.page.getByRole('region', { name: '1 skipped:' });
  await expect(skipped.getByRole('list', { name: 'Files skipped' }).getByRole('listitem')).toHaveText([/^Skipped evening-star-1870-03-15-p1\.alto\.xml: XML/]);
  await expect(app.page.getByRole('alert').filter({ hasText: 'Skipped' })).toHaveCount(0);
  await saveScreenshot(app.page, 'import-failed-and-skipped');
});

test('Esc clears the block outline a click on the page left', async ({ app }) => {
  await reader.open(latin);
  const model = await reader.pageModel(latin.id);
  const target = model.blocks.find((b) => b.kind === 'paragraph' && b.rects.length > 0)!;
  const scale = await reader.pageScale();
  const [x0, y0, x1, y1] = target.rects[0];
  await reader.pageSurface.click({ position: { x: ((x0 + x1) / 2) * scale, y: ((y0 + y1) / 2) * scale } });
  await expect(reader.block(target.id)).toBeFocused();
  await app.page.mouse.move(0, 0);
  await expect(reader.outlines.first()).toHaveAttribute('data-block-id', target.id);
  await app.page.keyboard.press('Escape');
  await expect(reader.outlines).toHaveCount(0);
});

test('hiding both text panels gives the page the room', async ({ app }) => {
  await reader.open(star);
  const view = app.page.getByRole('main');
  const before = (await reader.original.boundingBox())!.width;
  const toggles = app.page.getByRole('group', { name: 'Text panels' });
  await toggles.getByRole('button', { name: 'Raw' }).click();
  await toggles.getByRole('button', { name: 'Cleaned' }).click();
  await expect(reader.raw).toBeHidden();
  await expect(reader.cleaned).toBeHidden();
  await expect.poll(async () => (await reader.original.boundingBox())!.width).toBeGreaterThan(before * 1.5);
  const share = (await reader.original.boundingBox())!.width / (await view.boundingBox())!.width;
  expect(share).toBeGreaterThan(0.7);
  await expect(reader.photos).toBeVisible();
  await saveScreenshot(app.page, 'page-only');
});

test('a hovered or focused primary button keeps a readable label', async () => {
  const button = reader.library.getByRole('button', { name: 'Import…' });
  const contrast = () =>
    button.evaluate((el) => {
      const s = getComputedStyle(el);
      const rgb = (c: string) => {
        const probe = document.createElement('canvas').getContext('2d')!;
        probe.fillStyle = c;
        probe.fillRect(0, 0, 1, 1);
        return [...probe.getImageData(0, 0, 1, 1).data.slice(0, 3)];
      };
      const lum = (c: number[]) => {
        const [r, g, b] = c.map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [a, b] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    });
  expect(await contrast()).toBeGreaterThan(4.5);
  await button.hover();
  await button.focus();
  // Measured in the state it is about: hovered and focused (the app's styles have no transitions, so its colours are final then).
  await expect.poll(() => button.evaluate((el) => el.matches(':hover') && el.matches(':focus'))).toBe(true);
  expect(await contrast()).toBeGreaterThan(4.5);
});

test('date filters take and show ISO dates, refuse impossible ones, and "From" is not cut off', async ({ app }) => {
  const from = reader.library.getByLabel('From');
  const to = reader.library.getByLabel('To');
  await from.fill('1918-09-01');
  await to.fill('1918-09-01');
  await expect(from).toHaveValue('1918-09-01');
  const docs = await reader.api<DocumentSummary[]>('library.list');
  const inRange = docs.filter((d) => d.date.startsWith('1918-09-01') || d.date === '1918' || d.date === '1918-09');
  await expect(reader.library.getByRole('list', { name: 'Documents' }).getByRole('button')).toHaveCount(inRange.length);
  await from.fill('1918-02-30');
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  // The field shows its whole value: nothing scrolled out of sight.
  const fits = await from.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth);
  expect(fits).toBe(true);
  await saveScreenshot(app.page, 'library-filters');
});

test('a document imported with the CLI appears in the open app without a reload', async ({ app }) => {
  const entries = reader.library.getByRole('list', { name: 'Documents' }).getByRole('button');
  // The rows counted once the list has them all: the Library panel is on screen before its first rows are.
  const before = (await reader.api<DocumentSummary[]>('library.list')).length;
  await expect(entries).toHaveCount(before);
  const folder = join(app.libraryDir, '..', `cli-import-${Date.now()}`);
  mkdirSync(folder);
  writeFileSync(join(folder, 'dispatch.txt'), '围绕中心服务大局\n来到大陈村来到大陈村\n');
  cliImport(app.libraryDir, [join(folder, 'dispatch.txt')]);
  await expect(entries).toHaveCount(before + 1, { timeout: 20_000 });
  await expect(reader.library.getByRole('button', { name: /dispatch\.txt/ })).toBeVisible();
});

test('text panels and blocks carry their language, the archivist can set it, and each language gets its faces', async ({ app }) => {
  const cjk = await reader.documentByFile('cjk-overprint.pdf');
  await reader.open(cjk);
  await expect(reader.cleanedScroller()).toHaveAttribute('lang', 'zh-Hans');
  await expect(reader.rawScroller()).toHaveAttribute('lang', 'zh-Hans');
  // The app's own words stay English.
  await expect(app.page.locator('html')).toHaveAttribute('lang', 'en');
  const font = () => reader.blocks().first().evaluate((el) => getComputedStyle(el).fontFamily);
  expect(await font()).toMatch(/^"Noto Serif CJK SC"/);

  await app.page.getByRole('button', { name: 'Details…' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Document details' });
  await expect(dialog.getByLabel('Language')).toHaveValue('');
  await expect(dialog.getByLabel('Language').locator('option').first()).toHaveText('Automatic (reads as Chinese (Simplified))');
  await dialog.getByLabel('Language').selectOption('zh-Hant');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(reader.cleanedScroller()).toHaveAttribute('lang', 'zh-Hant');
  expect(await font()).toMatch(/^"Noto Serif CJK TC"/);
  expect((await reader.api<DocumentSummary>('document.get', { id: cjk.id })).language).toBe('zh-Hant');

  await reader.open(latin);
  await expect(reader.cleanedScroller()).toHaveAttribute('lang', 'en');
});

test('a text dump of over a million characters opens as pages of bounded size, each rendered whole', async ({ app }, testInfo) => {
  test.setTimeout(180_000);
  // The reference dump's overprinted opening, 720 times: over a million characters, seven dense broadsheet pages.
  // The import pages it (core/cleaning/text-dump-pager.ts), so no page is unusually large and the
  // text panels' step-wise rendering (lib/lazy-window.ts) is left for pages past STEP_CHARS (PDF text layers).
  const excerpt = readFileSync(join(ROOT, 'core', 'cleaning', 'fixtures', 'seed-excerpt.txt'), 'utf8');
  const path = testInfo.outputPath('huge-page.txt');
  writeFileSync(path, excerpt.repeat(720));
  await reader.library.getByLabel('Import files').setInputFiles(path);
  await expect(app.page.getByRole('status').filter({ hasText: /Imported 1/ })).toBeVisible({ timeout: 90_000 });
  const doc = await reader.documentByFile('huge-page.txt');
  expect(doc.pageCount).toBeGreaterThan(5);
  await reader.open(doc);
  const model = await reader.pageCounts(doc.id);
  await expect.poll(() => reader.blocks().count(), { timeout: 60_000 }).toBe(model.blocks);
  await expect(app.page.getByText(/Unusually large page/)).toHaveCount(0);
  await expect(reader.cleanedScroller()).toHaveAttribute('lang', 'zh-Hans');
  await saveScreenshot(app.page, 'large-page');
});

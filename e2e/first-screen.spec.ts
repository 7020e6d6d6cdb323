import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Settings } from '../core/settings.ts';
import { FirstScreenPage, fontsDrawnIn } from './pages/first-screen-page.ts';
import { ReaderPage } from './pages/reader-page.ts';
import { cliImport } from './support/host-process.ts';
import { expect, FIXTURE_FILES, saveScreenshot, test } from './support/fixtures.ts';

/** The app's script, held back until released: until then the kept first screen is all the page has. */
async function holdAppScript(page: import('@playwright/test').Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((done) => (release = done));
  await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test.describe('a library longer than the first window', () => {
  // More documents than the start answers' first window (40): the rest of the list arrives after the first rows, and
  // the start reopens the last document only then, after a row clicked on the kept screen has been handed over.
  test.use({ documentCopies: { fileName: basename(FIXTURE_FILES.sample), copies: 50 } });

  test('the next start shows the first screen the app kept at once; a row clicked and words typed on it before the app has loaded are done in the app', async ({ app }) => {
    const reader = new ReaderPage(app.page);
    await expect(reader.library).toBeVisible();
    // The first load had nothing kept: it keeps its own first screen.
    await expect.poll(() => existsSync(join(app.libraryDir, 'first-screen.json'))).toBe(true);
    await expect.poll(async () => (await reader.api<Settings>('settings.get')).lastDocument).not.toBeNull();
    const last = (await reader.api<Settings>('settings.get')).lastDocument;

    const release = await holdAppScript(app.page);
    const asked: string[] = [];
    app.page.on('request', (request) => asked.push(new URL(request.url()).pathname));
    const served = await app.page.reload({ waitUntil: 'commit' });
    const kept = new FirstScreenPage(app.page);
    await expect(kept.root).toBeVisible();
    // What notes clicks and keys on it is in the page itself (it was once a file of its own, and clicks made before
    // it came in were lost): running, with no request for it.
    expect(await app.page.evaluate(() => typeof (window as { broadsheetFirstScreen?: unknown }).broadsheetFirstScreen)).toBe('object');
    expect(asked.filter((path) => path.endsWith('/first-screen-input.js'))).toEqual([]);
    // Nor is the start-up style sheet a file of its own: nothing is drawn before it is in (scripts/build/inline-start-parts.ts).
    expect(await served!.text()).not.toMatch(/<link rel="stylesheet"/);
    expect(asked.filter((path) => path.endsWith('.css'))).toEqual([]);
    await expect(kept.rows.nth(3)).toBeVisible();
    // The app itself has not started: its root is empty.
    await expect(app.page.locator('#app')).toBeEmpty();
    await saveScreenshot(app.page, 'first-screen-kept');
    // index.html's font warm-up names every font the first screen is drawn in, so that a start with none kept looks
    // them up while its script loads; with one kept and shown, the warm-up is not laid out (the kept screen does it).
    const warmUp = app.page.locator('.font-warm');
    await expect(warmUp).toBeHidden();
    const warmed = await fontsDrawnIn(warmUp);
    expect((await kept.fonts()).filter((font) => !warmed.includes(font))).toEqual([]);
    // Hidden from assistive technology, it takes no keyboard focus either (clicks still reach its fields).
    await expect(kept.search).toHaveAttribute('tabindex', '-1');
    await expect(kept.rows.first()).toHaveAttribute('tabindex', '-1');

    // Words typed into the library's filter that the first rows (copies of the Evening Star page) all keep, then the fourth row clicked.
    const word = 'star';
    await kept.libraryFilter.click();
    await app.page.keyboard.type(word);
    await expect(kept.libraryFilter).toHaveValue(word);
    await kept.rows.nth(3).click();

    // The whole list is held back too, so that the start's reopening of the last document (which waits for it) comes
    // after the click has been handed over, not before: the click must still win (the start reopens the document the
    // settings name last, which the click has made this one).
    let releaseList!: () => void;
    const listHeld = new Promise<void>((done) => (releaseList = done));
    await app.page.route('**/api/library.columns', async (route) => {
      if (!/"limit"/.test(route.request().postData() ?? '')) await listHeld;
      await route.continue();
    });
    release();
    await expect(kept.root).toHaveCount(0);
    await expect(reader.library.getByRole('list', { name: 'Documents' }).getByRole('button').nth(3)).toHaveAttribute('aria-current', 'true');
    releaseList();
    const rows = reader.library.getByRole('list', { name: 'Documents' }).getByRole('button');
    await expect(reader.libraryFilter).toHaveValue(word);
    await expect(rows.nth(3)).toHaveAttribute('aria-current', 'true');
    // The start's own reopening of the last document, once the whole list is in, did not take the click's place.
    await expect(reader.library).not.toContainText('loading');
    await expect.poll(async () => (await reader.api<Settings>('settings.get')).lastDocument).not.toBe(last);
    await expect(rows.nth(3)).toHaveAttribute('aria-current', 'true');
  });
});

test('a kept first screen is not shown for another first window of the list, nor in a window of another size, whose own is kept instead', async ({ app }) => {
  const reader = new ReaderPage(app.page);
  await expect(reader.library).toBeVisible();
  await expect.poll(() => existsSync(join(app.libraryDir, 'first-screen.json'))).toBe(true);
  const kept = new FirstScreenPage(app.page);

  // Another size: the page carries it, hidden; the app's own screen is the only one shown, and is kept in its place.
  const size = app.page.viewportSize()!;
  const keptWidth = () => (JSON.parse(readFileSync(join(app.libraryDir, 'first-screen.json'), 'utf8')) as { width: number }).width;
  expect(keptWidth()).toBe(size.width);
  await app.page.setViewportSize({ width: size.width - 100, height: size.height });
  const release = await holdAppScript(app.page);
  await app.page.reload({ waitUntil: 'commit' });
  await expect(kept.root).toHaveCount(1);
  await expect(kept.root).toBeHidden();
  release();
  await expect(kept.root).toHaveCount(0);
  await expect(reader.library.getByRole('list', { name: 'Documents' }).getByRole('button').first()).toBeVisible();
  await expect.poll(keptWidth).toBe(size.width - 100);

  // Another document first in the list (imported by the CLI while the app ran): nothing kept is served.
  await app.page.setViewportSize(size);
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-e2e-first-screen-'));
  writeFileSync(join(dir, 'one-more.txt'), 'One more page\n');
  cliImport(app.libraryDir, [join(dir, 'one-more.txt')]);
  rmSync(dir, { recursive: true, force: true });
  const page = await app.page.reload();
  expect(await page!.text()).not.toContain('id="broadsheet-first-screen"');
});

/** Once the app has kept its first screen, a reload with the app's script held back: the kept screen, alone. */
async function reloadOntoKeptScreen(app: { page: import('@playwright/test').Page; libraryDir: string }) {
  const reader = new ReaderPage(app.page);
  await expect(reader.library).toBeVisible();
  await expect.poll(() => existsSync(join(app.libraryDir, 'first-screen.json'))).toBe(true);
  const release = await holdAppScript(app.page);
  await app.page.reload({ waitUntil: 'commit' });
  const kept = new FirstScreenPage(app.page);
  await expect(kept.rows.first()).toBeVisible();
  return { reader, kept, release };
}

test('keys pressed on the kept first screen outside its fields reach the app: "/" then a word searches for it', async ({ app }) => {
  const { reader, kept, release } = await reloadOntoKeptScreen(app);
  // Nothing has focus: the keys go to the page, not to one of the kept screen's fields.
  await app.page.keyboard.press('/');
  await app.page.keyboard.type('Washington');
  await expect(kept.search).toHaveValue('');
  release();
  await expect(kept.root).toHaveCount(0);
  await expect(reader.search).toBeFocused();
  await expect(reader.search).toHaveValue('Washington');
  await expect(app.page.getByRole('region', { name: 'Search results' })).toBeVisible();
});

test('focus on the kept first screen moves to the same field of the app, caret and all: the next key typed lands there', async ({ app }) => {
  const { reader, kept, release } = await reloadOntoKeptScreen(app);
  await kept.libraryFilter.click();
  await app.page.keyboard.type('Evning');
  // The caret put back between "Ev" and "ning", where the missing letter goes.
  await app.page.keyboard.press('ArrowLeft');
  await app.page.keyboard.press('ArrowLeft');
  await app.page.keyboard.press('ArrowLeft');
  await app.page.keyboard.press('ArrowLeft');
  release();
  await expect(kept.root).toHaveCount(0);
  await expect(reader.libraryFilter).toBeFocused();
  await expect(reader.libraryFilter).toHaveValue('Evning');
  await app.page.keyboard.type('e');
  await expect(reader.libraryFilter).toHaveValue('Evening');
  await expect(reader.library.getByRole('list', { name: 'Documents' }).getByRole('button')).toHaveCount(1);
});

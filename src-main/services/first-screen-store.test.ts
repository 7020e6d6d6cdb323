import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIRST_SCREEN_FILE, keepFirstScreen, keptFirstScreen } from './first-screen-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'broadsheet-first-screen-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const key = 'b'.repeat(64);

describe('the first screen kept beside the library', () => {
  it('is given back under the key it was kept under only, and replaced whole by the next', () => {
    expect(keptFirstScreen(dir, key)).toBeNull();
    keepFirstScreen(dir, { key, html: '<p>one</p>', width: 800, height: 600 });
    expect(keptFirstScreen(dir, key)).toEqual({ key, html: '<p>one</p>', width: 800, height: 600 });
    expect(keptFirstScreen(dir, 'c'.repeat(64))).toBeNull();
    keepFirstScreen(dir, { key, html: '<p>two</p>', width: 800, height: 600 });
    expect(keptFirstScreen(dir, key)?.html).toBe('<p>two</p>');
    // Written beside and renamed over: nothing else is left in the folder.
    expect(readdirSync(dir)).toEqual([FIRST_SCREEN_FILE]);
  });

  it('is not served from a file that was cut short or edited to hold what the request would have refused', () => {
    for (const text of ['{"key":"' + key + '","html":"<p>', JSON.stringify({ key, html: '<script>x()</script>', width: 1, height: 1 }), JSON.stringify({ key, html: '<p>x</p>', width: '1', height: 1 }), 'null']) {
      writeFileSync(join(dir, FIRST_SCREEN_FILE), text);
      expect(keptFirstScreen(dir, key), text).toBeNull();
    }
  });
});

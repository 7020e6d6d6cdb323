import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeStandInBrowser } from '../test-support/stand-in-browser.ts';
import { openAppBrowser } from './app-browser.ts';

/**
 * After Ctrl+C on `npm start`, the Chromium window it opened stayed open (it was started detached and never told) and
 * its /tmp/broadsheet-browser-* profile stayed behind. A stand-in takes Chromium's place (test-support/stand-in-browser.ts).
 */
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-app-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A browser that ignores SIGTERM (a hung one) must still go: it is killed after the grace time.
const fakeBrowser = (ignoresTerm: boolean): string => writeStandInBrowser(join(dir, ignoresTerm ? 'stubborn-browser' : 'browser'), { ignoresTerm });

/** Whether a process of the group runs (a zombie, not yet reaped by a slow PID 1, runs nothing). */
function groupAlive(pgid: number): boolean {
  const ps = spawnSync('ps', ['-A', '-o', 'pgid=,stat='], { encoding: 'utf8' });
  return ps.stdout.split('\n').some((line) => {
    const [group, stat] = line.trim().split(/\s+/);
    return Number(group) === pgid && !stat.startsWith('Z');
  });
}

async function untilWritten(file: string): Promise<void> {
  // The fake writes its profile as it starts; closing before would test nothing about a used profile.
  await expect.poll(() => existsSync(file), { timeout: 30_000 }).toBe(true);
}

describe('openAppBrowser', () => {
  it('opens the browser on its own profile, and close() ends its whole process group and removes the profile', async () => {
    const browser = openAppBrowser(fakeBrowser(false), 'http://127.0.0.1:1/', false);
    expect(browser.profile.startsWith(join(tmpdir(), 'broadsheet-browser-'))).toBe(true);
    await untilWritten(join(browser.profile, 'Local State'));
    expect(groupAlive(browser.pid)).toBe(true);
    await browser.close();
    expect(groupAlive(browser.pid)).toBe(false);
    expect(existsSync(browser.profile)).toBe(false);
  }, 60_000);

  it('kills a browser that ignores SIGTERM after the grace time, then removes the profile', async () => {
    const browser = openAppBrowser(fakeBrowser(true), 'http://127.0.0.1:1/', false);
    await untilWritten(join(browser.profile, 'Local State'));
    await browser.close(200);
    expect(groupAlive(browser.pid)).toBe(false);
    expect(existsSync(browser.profile)).toBe(false);
  }, 60_000);

  it('removes the profile of a browser the archivist already closed', async () => {
    const path = join(dir, 'quick-browser');
    writeFileSync(path, '#!/bin/sh\nexit 0\n');
    chmodSync(path, 0o755);
    const browser = openAppBrowser(path, 'http://127.0.0.1:1/', false);
    await expect.poll(() => groupAlive(browser.pid), { timeout: 30_000 }).toBe(false);
    await browser.close();
    expect(existsSync(browser.profile)).toBe(false);
  }, 60_000);
});

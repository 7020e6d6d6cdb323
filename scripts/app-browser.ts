import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appBrowserArgs } from './app-browser-args.ts';

/**
 * The browser `npm start` opens on the host's URL when Electron is unavailable, and its end. It runs in its own process
 * group (detached) so that one signal reaches Chromium and every helper process it forks; the launcher closes that group
 * and removes the throwaway profile when it stops: a Ctrl+C once left the window open and a /tmp/broadsheet-browser-*
 * folder behind on every start.
 */
export interface AppBrowser {
  readonly pid: number;
  readonly profile: string;
  /** Ends the browser (SIGTERM to its group, SIGKILL after `graceMs`) and removes its profile once it is gone. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Whether any process of the group still runs. Not kill(-pgid, 0): that counts zombies too, and where PID 1 is slow to
 * reap orphans (containers) a killed helper stays one for a second or more while it can write nothing.
 */
export function groupRunning(pgid: number): boolean {
  const ps = spawnSync('ps', ['-A', '-o', 'pgid=,stat='], { encoding: 'utf8' });
  return ps.stdout.split('\n').some((line) => {
    const [group, stat] = line.trim().split(/\s+/);
    return Number(group) === pgid && !stat.startsWith('Z');
  });
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // ESRCH: the group is already gone (the archivist closed the window)
  }
}

export function openAppBrowser(browser: string, url: string, isRoot: boolean): AppBrowser {
  const profile = mkdtempSync(join(tmpdir(), 'broadsheet-browser-'));
  const child = spawn(browser, appBrowserArgs(url, profile, isRoot), { stdio: 'ignore', detached: true });
  // A browser that cannot start (an error event) must not crash the launcher: the host still serves the URL.
  child.on('error', () => {});
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.on('exit', () => resolve()).on('error', () => resolve());
  });
  child.unref();
  let closing: Promise<void> | null = null;
  return {
    pid: child.pid ?? -1,
    profile,
    close(graceMs = 5000) {
      closing ??= (async () => {
        if (child.pid !== undefined) {
          signalGroup(child, 'SIGTERM');
          const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
          // Chromium's helpers may outlive the main process by a moment: the group goes with it, so the profile is
          // not written to while it is removed.
          signalGroup(child, 'SIGKILL');
          // A killed process is gone only once reaped: wait for that (bounded), so the caller's exit leaves none.
          for (let i = 0; i < 100 && groupRunning(child.pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
        }
        rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
      })();
      return closing;
    },
  };
}

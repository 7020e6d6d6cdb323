/**
 * `npm start`: build, then run the Electron app. Where the Electron binary
 * cannot be had (its download host is unreachable on some machines), say so
 * in one line and run the same renderer through the browser host instead.
 *
 * package.json runs it as `exec node scripts/start.ts`: npm starts a script through `sh -c`, and dash, having
 * caught the terminal's SIGINT while it waited, raises SIGINT on itself after this script exits 0 (npm then exits
 * 130); SIGTERM, which npm forwards to the shell alone, killed the shell and left this script and the host running
 * (npm exited 143). With exec this script is npm's child, and it ends as the app does: 0 after a clean stop.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type AppBrowser, openAppBrowser } from './app-browser.ts';
import { electronBinary } from './electron-binary.ts';

const root = join(import.meta.dirname, '..');
const passThrough = process.argv.slice(2);

function run(cmd: string, args: string[]): void {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '-c', 'electron.config.ts']);

let binary = electronBinary(root);
if ('reason' in binary) {
  // Electron's own mechanism: install.js downloads the binary for this platform, if the network allows.
  spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, stdio: 'ignore', timeout: 120_000 });
  binary = electronBinary(root);
}

if ('path' in binary) {
  // The import's memory as measured (bench:ingest) and as the CLI and host run it (bin/broadsheet, which says why):
  // two glibc malloc arenas and a fixed mmap threshold. glibc reads these once, at start, so they are set here.
  const env = { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2', MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072' };
  const child = spawn(binary.path, [join(root, 'out', 'main', 'main.js'), ...passThrough], { cwd: root, stdio: 'inherit', env });
  child.on('exit', (code) => process.exit(code ?? 0));
  // Stopping the app is how it is meant to end: its own quit decides the exit code, not the signal's 130/143.
  // SIGHUP (the terminal closed) is passed on as SIGTERM: a quit, which Electron's default SIGHUP action is not.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal));
} else {
  console.log(`Electron is unavailable: ${binary.reason}; starting the browser host instead.`);
  const host = spawn(join(root, 'bin', 'broadsheet'), ['serve', ...passThrough], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let opened = false;
  let browserWindow: AppBrowser | null = null;
  host.stdout!.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (opened) return;
    opened = true;
    const url = chunk.toString().split('\n')[0].trim();
    // BROADSHEET_BROWSER: another Chromium-like browser (and the tests' stand-in for one).
    const browser = [process.env.BROADSHEET_BROWSER ?? '', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'].find(existsSync);
    if (!browser || (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && process.platform === 'linux')) {
      // The host has just printed the URL: say what to do with it, without printing it twice.
      console.log('No display to open a browser on: open the URL above in one.');
      return;
    }
    browserWindow = openAppBrowser(browser, url, process.getuid?.() === 0);
  });
  // The window goes with the host (it would show only a dead page), and with it its throwaway profile.
  host.on('exit', (code) => {
    void (browserWindow?.close() ?? Promise.resolve()).finally(() => process.exit(code ?? 0));
  });
  // SIGHUP: the terminal was closed. The browser runs in a process group of its own, which the terminal's hangup
  // does not reach: without this its window stayed open on a dead page and its profile stayed in /tmp.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      void browserWindow?.close();
      host.kill(signal);
    });
  }
}

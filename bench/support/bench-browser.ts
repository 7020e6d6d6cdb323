import { readFileSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { chromiumExecutable } from '../../e2e/support/chromium.ts';

/**
 * Chromium for the browser benches: no background traffic or updates that would cost CPU during a timing, and none of
 * the browser's own UI. Chromium 156 starts a renderer for its omnibox's popup (chrome://omnibox-popup.top-chrome)
 * when the first window opens, headless too: up to 1 s of CPU on this 2-core machine (and as much again in the browser
 * process), in the very window a cold start is timed in. Turning off WebUIOmniboxPopup alone left it running: the
 * popup has AI-mode and full variants, and top-chrome WebUI is preloaded; all four features go. The Electron app has
 * no omnibox. BENCH_BROWSER_UI=1 leaves them on, to compare; the cold-start bench prints every renderer's CPU per run.
 */
export async function launchBenchBrowser(extraArgs: readonly string[] = [], { browserUi = process.env.BENCH_BROWSER_UI === '1' } = {}): Promise<Browser> {
  const base = ['--disable-background-networking', '--disable-component-update', '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  const features = browserUi ? [] : [`--disable-features=${[...(await playwrightDisabledFeatures(base)), 'WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup', 'PreloadTopChromeWebUI'].join(',')}`];
  return chromium.launch({ executablePath: chromiumExecutable(), args: [...base, ...features, ...extraArgs] });
}

let disabledByPlaywright: Promise<string[]> | undefined;

/**
 * The features Playwright turns off (PaintHolding among them, which would hold a first paint back): Chromium reads
 * only the last --disable-features, so one of ours must repeat them. Read from a browser Playwright launched, not
 * copied, so that a Playwright update cannot leave the list stale.
 */
function playwrightDisabledFeatures(args: string[]): Promise<string[]> {
  disabledByPlaywright ??= (async () => {
    const browser = await chromium.launch({ executablePath: chromiumExecutable(), args });
    try {
      const cdp = await browser.newBrowserCDPSession();
      const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; id: number }> };
      const pid = processInfo.find((p) => p.type === 'browser')?.id;
      const argv = pid === undefined ? [] : readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      const given = argv.findLast((a) => a.startsWith('--disable-features='));
      if (!given) throw new Error('bench browser: cannot read the features Playwright disables from the browser process');
      return given.slice('--disable-features='.length).split(',').filter(Boolean);
    } finally {
      await browser.close();
    }
  })();
  return disabledByPlaywright;
}

/** User + system CPU of one process (its threads included), ms, from /proc (Linux: the benches' machines). */
export function processCpuMs(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

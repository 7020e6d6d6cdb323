import { readFileSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { chromiumExecutable } from '../../e2e/support/chromium.ts';

/** Chromium for the browser benches: no background traffic or updates that would cost CPU during a timing. */
export function launchBenchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), ...extraArgs],
  });
}

/** User + system CPU of one process (its threads included), ms, from /proc (Linux: the benches' machines). */
export function processCpuMs(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

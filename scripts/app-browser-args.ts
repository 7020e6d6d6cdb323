/**
 * Chromium's command line for `npm start` when Electron is unavailable: the
 * renderer as an app window on its own throwaway profile, nothing phoning home.
 * As root (containers, Xvfb) Chromium needs --no-sandbox and then shows a
 * yellow "unsupported command-line flag" bar over the app; --test-type (what
 * ChromeDriver passes) tells it the flags are deliberate and hides the bar.
 */
export function appBrowserArgs(url: string, profileDir: string, isRoot: boolean): string[] {
  const args = [`--app=${url}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (isRoot) args.push('--no-sandbox', '--test-type');
  return args;
}

/**
 * Switches the benches set to measure an old path beside the new one in one
 * run: a property their init script puts on the window before the app's
 * script runs (`window.broadsheetBench = { libraryLoad: 'list' }`).
 *
 * Not localStorage, as it was: the first read of it on a fresh profile opens
 * the origin's storage over a synchronous call to the browser process, and
 * the app read it twice at start-up, before its first rows (1–22 ms of the
 * cold start on the loaded bench machine, 10.7 ms mean in a CPU profile).
 */
export interface BenchSwitches {
  /** 'list': the library's old load path, one `library.list` of objects (bench:library's baseline). */
  libraryLoad?: 'list';
  /** 'baseline': the reader as it was before page views and previews (bench:reader's "before"). */
  reader?: 'baseline';
}

export function benchSwitch<K extends keyof BenchSwitches>(name: K): BenchSwitches[K] | undefined {
  const set = (globalThis as { broadsheetBench?: BenchSwitches }).broadsheetBench;
  return set && typeof set === 'object' ? set[name] : undefined;
}

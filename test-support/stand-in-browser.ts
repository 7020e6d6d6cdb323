import { chmodSync, writeFileSync } from 'node:fs';

/**
 * Writes a stand-in for Chromium at `path`, for tests of how `npm start` opens and closes the app's browser window:
 * a shell that finds the profile it is given (--user-data-dir=), writes to it as Chromium does on start, forks a
 * helper (Chromium's renderers and GPU process outlive a kill of the parent alone), then waits.
 * `ignoresTerm`: it ignores SIGTERM, as a hung browser does. `noteTo`: once started it writes "<pid> <profile>" there.
 */
export function writeStandInBrowser(path: string, opts: { ignoresTerm?: boolean; noteTo?: string } = {}): string {
  const lines = [
    '#!/bin/sh',
    ...(opts.ignoresTerm ? ["trap '' TERM"] : []),
    'for a in "$@"; do case "$a" in --user-data-dir=*) profile="${a#--user-data-dir=}";; esac; done',
    'echo ready > "$profile/Local State"',
    ...(opts.noteTo ? [`echo "$$ $profile" > '${opts.noteTo.replaceAll("'", "'\\''")}'`] : []),
    'sleep 300 &',
    'wait',
  ];
  writeFileSync(path, lines.join('\n') + '\n');
  chmodSync(path, 0o755);
  return path;
}

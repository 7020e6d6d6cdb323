import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The repository's root, the `bin/broadsheet` an archivist runs, and the CJK fixture the CLI tests import. */
export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const CLI = join(ROOT, 'bin', 'broadsheet');
export const CJK = join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.pdf');

/** `bin/broadsheet ARGS…` as a whole process: its exit status and both streams (two minutes at most, for a loaded machine). */
export function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(CLI, args, { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

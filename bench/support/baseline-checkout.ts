import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A baseline build for a bench to run beside this checkout: `ref` (default `git merge-base HEAD main`) unpacked
 * with `git archive` in `.cache/bench-baseline/<sha>` under `root`, sharing this checkout's node_modules. Null when
 * the ref is this checkout's HEAD (nothing to compare). Kept between runs: unpacking is done once per commit.
 */
export function unpackBaseline(root: string, ref?: string): { dir: string; sha: string; ref: string } | null {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  ref ??= git('merge-base', 'HEAD', 'main');
  const sha = git('rev-parse', ref);
  if (sha === git('rev-parse', 'HEAD')) return null;
  const dir = join(root, '.cache', 'bench-baseline', sha.slice(0, 12));
  if (!existsSync(join(dir, 'package.json'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('bash', ['-c', `git archive ${sha} | tar -x -C "${dir}"`], { cwd: root });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  }
  return { dir, sha, ref };
}

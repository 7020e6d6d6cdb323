/**
 * The folder with data that only our machines have (real LoC scans, the seed
 * dump): `../shared` beside the repository, or BROADSHEET_SHARED when the
 * repository is a worktree elsewhere. Tests and benches that need it skip,
 * saying so, when neither exists.
 */
import fs from 'node:fs';
import path from 'node:path';

export function sharedDir(repoRoot: string): string {
  const beside = path.resolve(repoRoot, '../shared');
  if (fs.existsSync(beside) || !process.env.BROADSHEET_SHARED) return beside;
  return path.resolve(process.env.BROADSHEET_SHARED);
}

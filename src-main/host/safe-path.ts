import { existsSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';

/**
 * Resolves a URL path under a root directory, or returns null. Decodes
 * exactly once and refuses anything that could climb out: "..", encoded
 * separators, backslashes, NUL, and symlinks whose target lies outside.
 */
export function resolveUnder(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  // A "%" left after one decoding means double encoding: never legitimate for our assets.
  if (decoded.includes('%')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const realRoot = realpathSync(root);
  const candidate = resolve(realRoot, ...segments);
  if (candidate !== realRoot && !candidate.startsWith(realRoot + sep)) return null;
  if (!existsSync(candidate)) return null;
  const real = realpathSync(candidate);
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return null;
  return statSync(real).isFile() ? real : null;
}

import { posix } from 'node:path';
import type { PlanSource } from './batch-plan.ts';

const HEAD_BYTES = 4096;

/**
 * The files of a drop as a read-only tree for the batch planner: each under
 * "/" + its relative path (checked by core/upload-path.ts at the contract).
 * Nothing here touches the disk, so no path from outside can lead anywhere.
 */
export function memorySource(files: ReadonlyMap<string, Uint8Array>): PlanSource {
  const decoder = new TextDecoder();
  const bytes = (path: string) => {
    const b = files.get(path);
    if (!b) throw new Error(`${path}: not in the drop`);
    return b;
  };
  const under = (dir: string) => (dir.endsWith('/') ? dir : dir + '/');
  return {
    path: posix,
    isDirectory: (path) => path === '/' || [...files.keys()].some((p) => p.startsWith(under(path))),
    xmlFiles: (root) => [...files.keys()].filter((p) => p.startsWith(under(root)) && /\.xml$/i.test(p)).sort(),
    head: (path) => decoder.decode(bytes(path).subarray(0, HEAD_BYTES)),
    size: (path) => bytes(path).length,
    readText: (path) => decoder.decode(bytes(path)),
    isFile: (path) => files.has(path),
  };
}

import type { ImportResult } from '../../core/library-model.ts';
import { importPaths } from '../library/import-paths.ts';
import type { PageProcessor } from '../library/import-service.ts';
import type { LibraryStore } from '../library/library-store.ts';

function bar(done: number, total: number, file: string): string {
  const width = 28;
  const filled = total ? Math.round((done / total) * width) : width;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${file.slice(-40).padEnd(40)}`;
}

/** `import --library DIR FILES…`: good files import even when others fail; the result says which. */
export async function importCommand(
  store: LibraryStore,
  processor: PageProcessor,
  paths: string[],
  io: { err: (s: string) => void; out: (s: string) => void; tty: boolean },
): Promise<ImportResult[]> {
  const results = await importPaths(store, processor, paths, (done, total, file) => {
    if (io.tty) io.err(bar(done, total, file) + (done === total ? '\n' : ''));
  });
  for (const r of results) if (r.status === 'failed') io.err(`error: ${r.error}\n`);
  // A few skipped files are named one by one; a batch's hundreds of images are counted per reason.
  const skippedFiles = results.filter((r) => r.status === 'skipped');
  if (skippedFiles.length <= 10) for (const r of skippedFiles) io.err(`skipped: ${r.error}\n`);
  else for (const [reason, n] of skippedByReason(results)) io.err(`skipped ${n} × ${reason}\n`);
  const count = (s: ImportResult['status']) => results.filter((r) => r.status === s).length;
  const skipped = count('skipped') ? `, skipped ${count('skipped')}` : '';
  io.out(`imported ${count('imported')}, already in library ${count('duplicate')}, failed ${count('failed')}${skipped} (library: ${store.dir})\n`);
  if (results.every((r) => r.status === 'skipped')) io.err('error: nothing to import: no .pdf or .txt files in what was given\n');
  return results;
}

/** Non-zero when any file failed, or when nothing given was importable at all. */
export function importExitCode(results: ImportResult[]): number {
  return results.some((r) => r.status === 'failed') || results.every((r) => r.status === 'skipped') ? 1 : 0;
}

/** A batch skips hundreds of images for one reason: say each reason once, with its count. */
export function skippedByReason(results: readonly ImportResult[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of results) {
    if (r.status !== 'skipped') continue;
    const reason = (r.error ?? '').replace(/^[^:]*: /, '');
    out.set(reason, (out.get(reason) ?? 0) + 1);
  }
  return out;
}

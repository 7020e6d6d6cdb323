import type { ImportResult } from './library-model.ts';

/**
 * What an import skips, and how every surface (CLI, app, Electron menu)
 * reports a batch: each failure and each skipped file once, by name, with its
 * reason. Failures already carry "name: reason" (see import-service's
 * importError); nothing here prefixes the name again.
 */

/** Files the library imports: page PDFs and plain-text dumps. */
export const IMPORTABLE = /\.(pdf|txt)$/i;

/** Why a file found in a folder is left out, or null when it is imported. */
export function skipReason(name: string): string | null {
  const base = name.split(/[\\/]/).pop() ?? name;
  if (IMPORTABLE.test(base)) return null;
  if (base.startsWith('.')) return 'hidden file';
  // NDNP's manifest of the batch: its issues are found by walking the folders (as ndnp/batch-plan.ts says it too).
  if (/^batch(_\w+)?\.xml$/i.test(base)) return 'NDNP batch manifest (its issues are read from their METS)';
  if (/\.xml$/i.test(base)) return 'XML (ALTO/METS OCR or metadata describes a scan, it is not a page: import the scan\'s PDF)';
  // A scan's master image, as NDNP batches carry beside each page's PDF: nothing wrong with it, and said as the CLI's
  // batch import says it (src-main/library/ndnp/batch-plan.ts), not as an unknown file.
  const image = /\.(jp2|tiff?)$/i.exec(base)?.[1].toLowerCase();
  if (image) return `${image === 'jp2' ? 'JP2' : 'TIFF'} page image (Broadsheet imports the page’s PDF, not its image)`;
  const ext = /\.([^.]+)$/.exec(base)?.[1];
  return `not a page file (${ext ? `.${ext.toLowerCase()}` : 'no extension'}; Broadsheet imports .pdf and .txt)`;
}

export interface ImportReport {
  /** One line for the status bar. */
  summary: string;
  /** One line per failed or skipped file, in order, each once. */
  problems: string[];
  /** The lines of `problems` that are failures (red in the app). */
  failures: string[];
  /** The other lines of `problems`: skipped files and notes on duplicates, no failure (a neutral note in the app). */
  notes: string[];
  failed: number;
  skipped: number;
  /** Files read for their pages' metadata (issue METS), each counted once. */
  used: number;
  /** Files imported with a warning (a PDF whose end is damaged): listed in `problems`, but no failure. */
  warned: number;
  /** Something went wrong (a file failed): shown as an alert; skips alone are a neutral note, even when they leave nothing imported. */
  serious: boolean;
  /** Every file of a grouped skip line ("Skipped 6 files: …"), by that line of `notes`, sorted by name: the line names three. */
  skippedFiles: Record<string, string[]>;
}

/** How a count of METS read for metadata is said, everywhere: reading them is the import working, not a skip. */
export function usedPhrase(used: number): string {
  return `used ${used} METS for dates and page order`;
}

/**
 * A duplicate of a file this same import brought in (two copies of one scan in a folder): the file it repeats, else
 * null. Such a copy was not "already in the library" before the import, and saying so misled a new user.
 */
export function repeatOf(r: ImportResult, results: readonly ImportResult[]): string | null {
  if (r.status !== 'duplicate' || !r.id) return null;
  return results.find((o) => o.status === 'imported' && o.id === r.id)?.file ?? null;
}

/** What became of such a copy, one line, everywhere (CLI and app). */
export function repeatLine(file: string, of: string): string {
  return `${file}: same file as ${of} in this import (kept once)`;
}

/** How a count of such copies is said in a summary. */
export function repeatsPhrase(n: number): string {
  return `${n} ${n === 1 ? 'copy' : 'copies'} of a file in this import`;
}

/** Nothing given was a page: every result was skipped, or only read for metadata. */
export function nothingImported(results: readonly ImportResult[]): boolean {
  return results.length > 0 && results.every((r) => r.status === 'skipped' || r.status === 'used');
}

export function importReport(results: readonly ImportResult[]): ImportReport {
  const count = (s: ImportResult['status']) => results.filter((r) => r.status === s).length;
  const failed = count('failed');
  const skipped = count('skipped');
  // A METS travels in every request that carries its pages: count each file once.
  const used = new Set(results.filter((r) => r.status === 'used').map((r) => r.file)).size;
  const imported = count('imported');
  const duplicates = count('duplicate');
  const repeats = results.filter((r) => repeatOf(r, results) !== null).length;
  // Zero counts say nothing and cost the top bar room ("Imported 1, 0 alread…" at 1280 px): only what happened is said.
  const parts: string[] = [];
  if (imported) parts.push(`Imported ${imported}`);
  if (duplicates - repeats) parts.push(`${duplicates - repeats} already in the library`);
  if (repeats) parts.push(repeatsPhrase(repeats));
  if (failed) parts.push(`${failed} failed`);
  if (used) parts.push(usedPhrase(used));
  // A re-import that brought a METS replaced guesses: say so, as the CLI does.
  const upgraded = results.filter((r) => r.status === 'duplicate' && r.upgraded).length;
  if (upgraded) parts.push(`${upgraded} with newspaper and date now from ${upgraded === 1 ? 'its' : 'their'} METS`);
  const relaid = results.filter((r) => r.relaid).length;
  if (relaid) parts.push(`${relaid} now laid out from ${relaid === 1 ? 'its' : 'their'} ALTO`);
  const warned = results.filter((r) => r.warning).length;
  if (warned) parts.push(`${warned} with a warning`);
  if (skipped) parts.push(`${skipped} skipped`);
  const skipGroups = new Map<string, string[]>();
  for (const r of results) {
    const reason = r.status === 'skipped' ? skipReasonOf(r) : null;
    if (reason === null) continue;
    const files = skipGroups.get(reason) ?? [];
    if (!files.includes(r.file)) files.push(r.file);
    skipGroups.set(reason, files);
  }
  const seen = new Set<string>();
  const problems: string[] = [];
  const failures: string[] = [];
  const notes: string[] = [];
  const skippedFiles: Record<string, string[]> = {};
  for (const r of results) {
    const of = repeatOf(r, results);
    if (of !== null) {
      const line = repeatLine(r.file, of);
      problems.push(line);
      notes.push(line);
    }
    // A duplicate's ALTO that could not be used says why (its corrections would lose their blocks).
    if (r.status === 'duplicate' && r.note && !r.relaid) {
      problems.push(r.note);
      notes.push(r.note);
    }
    // Imported, but worth knowing (a PDF whose end is damaged): a note, not a failure.
    if (r.warning) {
      problems.push(`Warning: ${r.warning}`);
      notes.push(`Warning: ${r.warning}`);
    }
    if (r.status !== 'failed' && r.status !== 'skipped') continue;
    const group = r.status === 'skipped' ? skipGroups.get(skipReasonOf(r) ?? '') : undefined;
    if (group && group.length >= GROUP_SKIPS_FROM) {
      // A batch's page images (hundreds of .jp2 for one reason): said once, not a line each.
      const line = `Skipped ${group.length} files: ${skipReasonOf(r)} (${group.slice(0, 3).join(', ')}${group.length > 3 ? ` and ${group.length - 3} more` : ''})`;
      if (seen.has(line)) continue;
      seen.add(line);
      problems.push(line);
      notes.push(line);
      skippedFiles[line] = [...group].sort(byName);
      continue;
    }
    const line = `${r.status === 'skipped' ? 'Skipped ' : ''}${r.error ?? `${r.file}: import failed`}`;
    if (seen.has(line)) continue;
    seen.add(line);
    problems.push(line);
    (r.status === 'failed' ? failures : notes).push(line);
  }
  const summary = summaryLine(parts, imported + duplicates === 0);
  // Skipping is deliberate (an ALTO without its scan, an empty folder): even when it leaves nothing imported,
  // the note says what and why; only a failure is an alert.
  return { summary, problems, failures, notes, failed, skipped, used, warned, serious: failed > 0, skippedFiles };
}

/** A stable order for names a person scans: numbers in names by value (0002 before 0010), case aside. */
const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

/** Skipped files sharing a reason are listed one line each up to this many, then as one line. */
const GROUP_SKIPS_FROM = 3;

/** The reason part of a skipped file's "file: reason" (null when its error says something else). */
function skipReasonOf(r: ImportResult): string | null {
  const prefix = `${r.file}: `;
  return r.error?.startsWith(prefix) ? r.error.slice(prefix.length) : null;
}

function summaryLine(parts: readonly string[], noPages: boolean): string {
  if (parts.length === 0) return 'Nothing to import.';
  if (noPages) return `Nothing imported: ${parts.join(', ')}.`;
  return parts.join(', ') + '.';
}

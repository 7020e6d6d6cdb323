import type { ImportResult } from '../../core/library-model.ts';

/**
 * The document to show once an import from the window is done: the one open,
 * if the import brought it again (a re-import with its METS or ALTO: the
 * archivist goes on reading it); else the first document it brought new; else
 * the first it found already in the library. Null when it brought none (all
 * failed or skipped). The list then shows it selected and scrolled into view.
 */
export function documentAfterImport(results: readonly ImportResult[], openId: string | null): string | null {
  const ids = (status: ImportResult['status']) => results.filter((r) => r.status === status && r.id).map((r) => r.id!);
  const [imported, found] = [ids('imported'), ids('duplicate')];
  if (openId && (imported.includes(openId) || found.includes(openId))) return openId;
  return imported[0] ?? found[0] ?? null;
}

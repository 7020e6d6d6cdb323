import type { DatabaseSync } from 'node:sqlite';

/**
 * Each document's state as the library database holds it, to tell which
 * documents another process (the CLI's `import`, a second app) changed: its
 * row (metadata, page count, the ALTO its layout came from) and its pages'
 * row ids. A page written again (a re-import laying it out from its ALTO,
 * `verify --repair`) is a new row (INSERT OR REPLACE), so its row id moves;
 * the pages' text itself is never read (megabytes per scan). Read only when
 * SQLite's data_version says another connection committed.
 */
export interface DocumentState {
  row: string;
  pages: string;
}

/** Columns another process may change that say nothing new to a reader (verify's fixity check time). */
const QUIET = new Set(['fixity_checked_at']);

export function readDocumentStates(db: DatabaseSync): Map<string, DocumentState> {
  const out = new Map<string, DocumentState>();
  for (const r of db.prepare('SELECT * FROM documents').all() as Array<Record<string, unknown>>) {
    const row = JSON.stringify(Object.entries(r).filter(([k]) => !QUIET.has(k)));
    out.set(String(r.id), { row, pages: '' });
  }
  // The primary key's index (doc_id, number) holds the row ids: no page text is read.
  const pages = db.prepare('SELECT doc_id AS id, count(*) AS n, group_concat(rowid) AS rowids FROM pages GROUP BY doc_id').all() as Array<{ id: string; n: number; rowids: string }>;
  for (const p of pages) {
    const state = out.get(p.id);
    if (state) state.pages = `${p.n}:${p.rowids}`;
  }
  return out;
}

/**
 * What changed from `before` to `after`: `ids`, documents added, removed or changed (the library list is read
 * again); `pages`, documents still there whose pages were written again or whose row changed (an open page of
 * theirs is read again: its layout, page count or metadata may be new). Both sorted.
 */
export function changedDocuments(before: ReadonlyMap<string, DocumentState>, after: ReadonlyMap<string, DocumentState>): { ids: string[]; pages: string[] } {
  const ids = new Set<string>();
  const pages: string[] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) ids.add(id);
    else if (was.row !== now.row || was.pages !== now.pages) {
      ids.add(id);
      pages.push(id);
    }
  }
  for (const id of before.keys()) if (!after.has(id)) ids.add(id);
  return { ids: [...ids].sort(), pages: pages.sort() };
}

import type { DatabaseSync } from 'node:sqlite';

/**
 * Each document's state as the library database holds it, to tell which
 * documents another process (the CLI's `import`, a second app) changed: its
 * row (metadata, page count, the ALTO its layout came from) and its pages'
 * row ids (count, sum, largest). A page written again (a re-import laying it out from its ALTO,
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

/** Every column of documents that says something to a reader (migrations add some), quoted as SQLite names them. */
export function documentColumns(db: DatabaseSync): string[] {
  return (db.prepare('PRAGMA table_info(documents)').all() as Array<{ name: string }>)
    .map((c) => c.name)
    .filter((name) => !QUIET.has(name))
    .map((name) => `"${name.replace(/"/g, '""')}"`);
}

/**
 * Each row and each document's pages, signed in SQL (json_array of the row's columns; the count and sum of its
 * pages' row ids, from the primary key's covering index): at 10,000 documents and 40,000 pages 44 ms of CPU per
 * read, where reading the rows into objects and signing them in JS took 109 ms (same loaded machine, load ~13).
 */
export function readDocumentStates(db: DatabaseSync): Map<string, DocumentState> {
  const columns = documentColumns(db);
  const out = new Map<string, DocumentState>();
  for (const r of db.prepare(`SELECT id, json_array(${columns.join(', ')}) AS row FROM documents`).all() as Array<{ id: string; row: string }>) {
    out.set(r.id, { row: r.row, pages: '' });
  }
  const pages = db.prepare("SELECT doc_id AS id, count(*) || ':' || sum(rowid) || ':' || max(rowid) AS pages FROM pages GROUP BY doc_id").all() as Array<{ id: string; pages: string }>;
  for (const p of pages) {
    const state = out.get(p.id);
    if (state) state.pages = p.pages;
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

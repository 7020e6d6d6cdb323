import type { DatabaseSync } from 'node:sqlite';
import type { CorrectionStore } from './correction-store.ts';

/**
 * The text the reader shows for some blocks of one stored page, in page
 * order: each block's latest correction, else cleaning's text. SQLite picks
 * the blocks' ids and texts out of the page's cleaned JSON, so neither the
 * raw items nor any block's offset map is parsed (the 1918 LoC page's model
 * is megabytes of them), and a correction replaces the text without the
 * character diff that carries a map through it (correct-block.ts).
 * Blocks not on the page are left out.
 */
export function readerBlockTexts(db: DatabaseSync, corrections: CorrectionStore, docId: string, page: number, blockIds: readonly string[]): Array<[string, string]> {
  const rows = db
    .prepare(
      `SELECT b.value ->> 'id' AS id, b.value ->> 'text' AS text
       FROM pages p, json_each(p.cleaned, '$.blocks') b
       WHERE p.doc_id = ? AND p.number = ? AND b.value ->> 'id' IN (SELECT value FROM json_each(?))
       ORDER BY b.key`,
    )
    .all(docId, page, JSON.stringify(blockIds)) as Array<{ id: string; text: string }>;
  if (!rows.length) return [];
  const latest = corrections.latest(docId, page);
  return rows.map((r) => [r.id, latest.get(r.id) ?? r.text]);
}

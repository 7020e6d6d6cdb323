import type { DatabaseSync } from 'node:sqlite';
import type { CorrectionRecord } from '../../core/corrections/correct-block.ts';
import { inTransaction } from './migrations.ts';

interface Row {
  seq: number;
  doc_id: string;
  page: number;
  block_id: string;
  text: string;
  author: string;
  reason: string;
  created: string;
}

const toRecord = (r: Row): CorrectionRecord => ({
  seq: r.seq,
  docId: r.doc_id,
  page: r.page,
  blockId: r.block_id,
  text: r.text,
  author: r.author,
  reason: r.reason,
  created: r.created,
});

/**
 * Corrections are appended, never updated or deleted: a block's history is
 * every version in order, and a revert is one more version. The raw and
 * cleaned layers in `pages` are never written here.
 */
export class CorrectionStore {
  private readonly db: DatabaseSync;
  constructor(db: DatabaseSync) {
    this.db = db;
  }

  /** Latest corrected text of each corrected block on a page. */
  latest(docId: string, page: number): Map<string, string> {
    const rows = this.db
      .prepare(
        `SELECT block_id, text FROM corrections c WHERE doc_id = ? AND page = ?
           AND seq = (SELECT MAX(seq) FROM corrections WHERE doc_id = c.doc_id AND page = c.page AND block_id = c.block_id)`,
      )
      .all(docId, page) as { block_id: string; text: string }[];
    return new Map(rows.map((r) => [r.block_id, r.text]));
  }

  history(docId: string, page: number, blockId: string): CorrectionRecord[] {
    const rows = this.db.prepare('SELECT * FROM corrections WHERE doc_id = ? AND page = ? AND block_id = ? ORDER BY seq').all(docId, page, blockId) as unknown as Row[];
    return rows.map(toRecord);
  }

  add(c: Omit<CorrectionRecord, 'seq' | 'created'>, now = new Date()): CorrectionRecord {
    return inTransaction(this.db, () => {
      const r = this.db
        .prepare('INSERT INTO corrections (doc_id, page, block_id, text, author, reason, created) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(c.docId, c.page, c.blockId, c.text, c.author, c.reason, now.toISOString());
      return { ...c, seq: Number(r.lastInsertRowid), created: now.toISOString() };
    });
  }

  /** Pages that carry at least one correction (for re-indexing everything). */
  correctedPages(): Array<{ docId: string; page: number }> {
    return (this.db.prepare('SELECT DISTINCT doc_id, page FROM corrections ORDER BY doc_id, page').all() as { doc_id: string; page: number }[]).map((r) => ({ docId: r.doc_id, page: r.page }));
  }
}

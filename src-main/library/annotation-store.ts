import type { DatabaseSync } from 'node:sqlite';
import { annotationSchema, type Annotation } from '../../core/annotations/annotation.ts';
import { inTransaction } from './migrations.ts';

/**
 * Annotations in the library database, one row each: the whole record as
 * JSON plus the columns lists filter on. Every write is one transaction, so
 * a kill at any moment leaves each annotation either wholly there or not.
 */
export class AnnotationStore {
  private readonly db: DatabaseSync;
  constructor(db: DatabaseSync) {
    this.db = db;
  }

  get(id: string): Annotation | null {
    const row = this.db.prepare('SELECT json FROM annotations WHERE id = ?').get(id) as { json: string } | undefined;
    return row ? read(row.json) : null;
  }

  /** Oldest first (then by id), so exports are in a stable order. */
  list(filter: { docId?: string; page?: number } = {}): Annotation[] {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (filter.docId) {
      // Any target on the document counts, not only the first (articles span files).
      where.push('(doc_id = ? OR json LIKE ?)');
      args.push(filter.docId, `%${filter.docId}%`);
    }
    const rows = this.db.prepare(`SELECT json FROM annotations ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created, id`).all(...args) as { json: string }[];
    let out = rows.map((r) => read(r.json)).filter((a): a is Annotation => a !== null);
    if (filter.docId) out = out.filter((a) => a.targets.some((t) => t.docId === filter.docId && (filter.page === undefined || t.page === filter.page)));
    return out;
  }

  /** Inserts or replaces the record with this id. */
  put(a: Annotation): void {
    inTransaction(this.db, () => this.write(a));
  }

  /**
   * Imports records in one transaction. A record already held unchanged is
   * left alone; one that differs is replaced only by a later `modified`, so
   * importing a file twice, or an older export, changes nothing.
   */
  merge(records: readonly Annotation[]): { imported: number; updated: number; unchanged: number } {
    const counts = { imported: 0, updated: 0, unchanged: 0 };
    inTransaction(this.db, () => {
      for (const a of records) {
        const held = this.get(a.id);
        if (!held) {
          this.write(a);
          counts.imported++;
        } else if (JSON.stringify(held) === JSON.stringify(a) || held.modified >= a.modified) counts.unchanged++;
        else {
          this.write(a);
          counts.updated++;
        }
      }
    });
    return counts;
  }

  delete(id: string): Annotation | null {
    return inTransaction(this.db, () => {
      const held = this.get(id);
      if (held) this.db.prepare('DELETE FROM annotations WHERE id = ?').run(id);
      return held;
    });
  }

  private write(a: Annotation): void {
    const t = a.targets[0];
    this.db
      .prepare(
        `INSERT INTO annotations (id, doc_id, page, colour, created, modified, json) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET doc_id = excluded.doc_id, page = excluded.page, colour = excluded.colour,
           created = excluded.created, modified = excluded.modified, json = excluded.json`,
      )
      .run(a.id, t.docId, t.page, a.colour, a.created, a.modified, JSON.stringify(a));
  }
}

function read(json: string): Annotation | null {
  try {
    // Parsed through the schema so key order (and so exports) never depend on how a row was written.
    const parsed = annotationSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

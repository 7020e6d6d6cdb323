import type { DatabaseSync } from 'node:sqlite';
import type { Article, ArticlePart } from '../../core/annotations/article.ts';
import { inTransaction } from './migrations.ts';

interface Row {
  id: string;
  title: string;
  created: string;
  modified: string;
  parts: string;
}

const toArticle = (r: Row): Article => ({ id: r.id, title: r.title, parts: JSON.parse(r.parts) as ArticlePart[], created: r.created, modified: r.modified });

/** Articles: a title and an ordered list of blocks, possibly on several pages and files. */
export class ArticleStore {
  private readonly db: DatabaseSync;
  constructor(db: DatabaseSync) {
    this.db = db;
  }

  get(id: string): Article | null {
    const row = this.db.prepare('SELECT * FROM articles WHERE id = ?').get(id) as Row | undefined;
    return row ? toArticle(row) : null;
  }

  list(docId?: string): Article[] {
    const rows = this.db.prepare('SELECT * FROM articles ORDER BY created, id').all() as unknown as Row[];
    const all = rows.map(toArticle);
    return docId ? all.filter((a) => a.parts.some((p) => p.docId === docId)) : all;
  }

  put(a: Article): void {
    inTransaction(this.db, () =>
      this.db
        .prepare(
          `INSERT INTO articles (id, title, created, modified, parts) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET title = excluded.title, modified = excluded.modified, parts = excluded.parts`,
        )
        .run(a.id, a.title, a.created, a.modified, JSON.stringify(a.parts)),
    );
  }

  delete(id: string): Article | null {
    return inTransaction(this.db, () => {
      const held = this.get(id);
      if (held) this.db.prepare('DELETE FROM articles WHERE id = ?').run(id);
      return held;
    });
  }
}

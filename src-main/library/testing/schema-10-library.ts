import { DatabaseSync } from 'node:sqlite';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { importFiles } from '../import-service.ts';
import { LibraryStore } from '../library-store.ts';
import { createProcessor } from '../processor.ts';

/**
 * Test and bench support: a library as Broadsheet wrote it at schema
 * version 10, made through the real import path and then put back in the
 * version-10 form: each page's raw model whole as JSON text in `raw` (what
 * addPageJson stored then, JSON.stringify of the raw page), no raw_items
 * column, no list of pages to convert.
 */

/** Imports `files` into the library at `dir`; answers the documents' ids and every page as the API reads it (JSON), by "id page". */
export async function importForUpgrade(dir: string, files: string[]): Promise<{ ids: string[]; pages: Map<string, string> }> {
  const store = new LibraryStore(dir);
  const processor = createProcessor();
  try {
    const results = await importFiles(store, processor, files.map((f) => ({ name: basename(f), bytes: readFileSync(f) })));
    const ids: string[] = [];
    for (const r of results) {
      if (r.status !== 'imported') throw new Error(`${r.file}: ${r.status} ${r.error ?? ''}`);
      ids.push(r.id!);
    }
    return { ids, pages: pageSnapshots(store) };
  } finally {
    await processor.close();
    store.close();
  }
}

/** Every stored page of every document as the API reads it (JSON text), by "id page". */
export function pageSnapshots(store: LibraryStore): Map<string, string> {
  const out = new Map<string, string>();
  const rows = store.db.prepare('SELECT doc_id, number FROM pages WHERE doc_id IN (SELECT id FROM documents) ORDER BY doc_id, number').all() as Array<{ doc_id: string; number: number }>;
  for (const { doc_id, number } of rows) {
    let text: string;
    try {
      text = JSON.stringify(store.page(doc_id, number));
    } catch (err) {
      text = `error: ${(err as Error).message}`;
    }
    out.set(`${doc_id} ${number}`, text);
  }
  return out;
}

/** Puts the library at `dir` (closed) back in the version-10 form. */
export function backToSchema10(dir: string): void {
  const store = new LibraryStore(dir);
  try {
    const rows = store.db.prepare('SELECT doc_id, number FROM pages').all() as Array<{ doc_id: string; number: number }>;
    const put = store.db.prepare('UPDATE pages SET raw = ?, raw_items = NULL WHERE doc_id = ? AND number = ?');
    store.transaction(() => {
      for (const { doc_id, number } of rows) {
        const model = store.page(doc_id, number)!;
        const raw = { number: model.number, width: model.width, height: model.height, items: model.items, images: model.images, ...(model.illustrations ? { illustrations: model.illustrations } : {}) };
        put.run(JSON.stringify(raw), doc_id, number);
      }
    });
  } finally {
    store.close();
  }
  const db = new DatabaseSync(`${dir}/library.sqlite`);
  db.exec('DROP TABLE IF EXISTS raw_items_pending');
  db.exec('DROP TABLE IF EXISTS raw_items_unlisted');
  db.exec('ALTER TABLE pages DROP COLUMN raw_items');
  db.exec('PRAGMA user_version = 10');
  db.exec('VACUUM');
  db.close();
}

/**
 * Makes `copies` more of every document (or of those `only` keeps) in the (closed) library at `dir`, under new ids:
 * each copy's original is the document's with a PDF comment after it (so its SHA-256, its id, differs, as in a real
 * batch of distinct files), its rows those of the document. An archive of a few hundred pages from a few imported
 * files, as verify sees a real one. Answers the new ids.
 */
export function cloneDocuments(dir: string, copies: number, only: (fileName: string) => boolean = () => true): string[] {
  const db = new DatabaseSync(`${dir}/library.sqlite`);
  const made: string[] = [];
  try {
    const docs = (db.prepare('SELECT id, file_name FROM documents ORDER BY id').all() as Array<{ id: string; file_name: string }>).filter((d) => only(d.file_name));
    db.exec('BEGIN');
    for (const { id } of docs) {
      const original = readFileSync(join(dir, 'objects', id.slice(0, 2), id));
      for (let k = 1; k <= copies; k++) {
        const bytes = Buffer.concat([original, Buffer.from(`\n% copy ${k}\n`)]);
        const copy = createHash('sha256').update(bytes).digest('hex');
        mkdirSync(join(dir, 'objects', copy.slice(0, 2)), { recursive: true });
        writeFileSync(join(dir, 'objects', copy.slice(0, 2), copy), bytes, { mode: 0o444 });
        db.exec('CREATE TEMP TABLE d AS SELECT * FROM documents WHERE 0; CREATE TEMP TABLE p AS SELECT * FROM pages WHERE 0');
        db.prepare('INSERT INTO temp.d SELECT * FROM main.documents WHERE id = ?').run(id);
        db.prepare('INSERT INTO temp.p SELECT * FROM main.pages WHERE doc_id = ?').run(id);
        db.prepare('UPDATE temp.d SET id = ?, size = ?').run(copy, bytes.length);
        db.prepare('UPDATE temp.p SET doc_id = ?').run(copy);
        db.exec('INSERT INTO main.documents SELECT * FROM temp.d; INSERT INTO main.pages SELECT * FROM temp.p; DROP TABLE temp.d; DROP TABLE temp.p');
        made.push(copy);
      }
    }
    db.exec('COMMIT');
  } finally {
    db.close();
  }
  return made;
}

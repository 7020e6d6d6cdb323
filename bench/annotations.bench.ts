/**
 * node bench/annotations.bench.ts — the cost of annotations on a real page
 * (the 1918 Evening Star sample: ~540 blocks, a large raw layer).
 *
 * Prints, for N annotations: create (each its own transaction, anchors from
 * the server's page text), list for the document (re-anchoring every target
 * against the current text), list with a correction that shifts them all
 * (re-anchoring by quote), export W3C, import into a fresh library. The
 * baseline, measured in the same run, is the bare SQLite work: N single-row
 * INSERT transactions of the same JSON, and reading those rows back.
 */
import { DatabaseSync } from 'node:sqlite';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pageText } from '../core/page-text.ts';
import { AnnotationService } from '../src-main/library/annotation-service.ts';
import { importFiles } from '../src-main/library/import-service.ts';
import { inThreadProcessor } from '../src-main/library/in-thread-processor.ts';
import { LibraryStore } from '../src-main/library/library-store.ts';

const ROOT = join(import.meta.dirname, '..');
const N = Number(process.env.N ?? 1000);
const SAMPLE = join(ROOT, 'assets', 'sample', 'evening-star-1918-09-01-p1.pdf');

async function library() {
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-anno-'));
  const store = new LibraryStore(dir);
  const [r] = await importFiles(store, inThreadProcessor, [{ name: 'sample.pdf', bytes: readFileSync(SAMPLE) }]);
  return { dir, store, service: new AnnotationService(store), id: r.id! };
}

const time = <T>(fn: () => T): [T, number] => {
  const t0 = performance.now();
  const out = fn();
  return [out, performance.now() - t0];
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

const a = await library();
const b = await library();
const model = a.service.page(a.id, 1)!;
const text = pageText(model.blocks);
console.log(`page: ${model.blocks.length} blocks, ${text.length} chars, ${model.items.length} raw items; N = ${N}`);

const [, create] = time(() => {
  for (let i = 0; i < N; i++) {
    const start = Math.floor((i / N) * (text.length - 40));
    a.service.create([{ docId: a.id, page: 1, start, end: start + 30 }], { note: `note ${i}`, tags: [`t${i % 7}`], colour: 'yellow' }, 'bench');
  }
});
const [list, listMs] = time(() => a.service.list({ docId: a.id }));
const first = model.blocks[0];
a.service.correct(a.id, 1, first.id, 'A CORRECTION THAT SHIFTS EVERYTHING. ' + first.text, '', 'bench');
const [shifted, shiftedMs] = time(() => a.service.list({ docId: a.id }));
const [w3c, exportMs] = time(() => a.service.exportW3C());
const [report, importMs] = time(() => b.service.importW3C(w3c));

// Baseline: the same rows through bare SQLite, one transaction each, and read back.
const dir = mkdtempSync(join(tmpdir(), 'broadsheet-bench-sqlite-'));
const db = new DatabaseSync(join(dir, 'x.sqlite'));
db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE t (id TEXT PRIMARY KEY, json TEXT NOT NULL)');
const rows = list.items.map((x) => [x.id, JSON.stringify(x)] as const);
const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
const [, rawInsert] = time(() => {
  for (const [id, json] of rows) {
    db.exec('BEGIN IMMEDIATE');
    insert.run(id, json);
    db.exec('COMMIT');
  }
});
const [, rawRead] = time(() => (db.prepare('SELECT json FROM t').all() as { json: string }[]).map((r) => JSON.parse(r.json)));
db.close();

console.table({
  create: { broadsheet: ms(create), 'per annotation': ms(create / N), 'bare sqlite (insert txn)': ms(rawInsert) },
  'list document': { broadsheet: ms(listMs), 'per annotation': ms(listMs / N), 'bare sqlite (select+parse)': ms(rawRead) },
  'list after shifting correction': { broadsheet: ms(shiftedMs), 'per annotation': ms(shiftedMs / N), reanchored: shifted.items.filter((x) => x.resolved[0].status === 'reanchored').length },
  'export W3C': { broadsheet: ms(exportMs), bytes: w3c.length },
  'import W3C (fresh library)': { broadsheet: ms(importMs), imported: report.imported, errors: report.errors.length },
});
for (const l of [a, b]) {
  l.store.close();
  rmSync(l.dir, { recursive: true, force: true });
}
rmSync(dir, { recursive: true, force: true });

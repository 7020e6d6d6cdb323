import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** What the helpers need of a library store (src-main's LibraryStore), by shape: test helpers import no src-main code. */
export interface OpenStore {
  close(): void;
}

/** A page's raw model as the library stores it: the JSON and its items apart (LibraryStore's StoredRaw). */
export interface StoredRawShape {
  json: string;
  items: Uint8Array;
}

export interface PageRewriter {
  db: { prepare(sql: string): { all(...params: string[]): unknown[] } };
  rebuildPages(id: string): { addPageJson(n: number, raw: StoredRawShape, cleaned: never): void; finish(): void };
}

/**
 * One library folder opened twice, as the app and the CLI open it at once: `app` is the process under test,
 * `cli` the other process whose writes it must notice. A fresh folder for each test, closed and removed after it.
 * Read the fields inside tests (they change for each one).
 */
export function useTwoConnections<S extends OpenStore>(prefix: string, open: (dir: string) => S): { readonly dir: string; readonly app: S; readonly cli: S } {
  const live = {} as { dir: string; app: S; cli: S };
  beforeEach(() => {
    live.dir = mkdtempSync(join(tmpdir(), prefix));
    live.app = open(live.dir);
    live.cli = open(live.dir);
  });
  afterEach(() => {
    live.app.close();
    live.cli.close();
    rmSync(live.dir, { recursive: true, force: true });
  });
  return live;
}

/** A document's pages written again with the same content, as a re-import laying it out from its ALTO does: new rows, same text. */
export function rewritePages(store: PageRewriter, id: string): void {
  const pages = store.db.prepare('SELECT number, raw, raw_items, cleaned FROM pages WHERE doc_id = ? ORDER BY number').all(id) as Array<{
    number: number;
    raw: string;
    raw_items: Uint8Array;
    cleaned: string;
  }>;
  const writer = store.rebuildPages(id);
  for (const p of pages) writer.addPageJson(p.number, { json: p.raw, items: p.raw_items }, p.cleaned as never);
  writer.finish();
}

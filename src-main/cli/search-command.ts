import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchResult } from '../../core/search/search-model.ts';
import { LibraryStore } from '../library/library-store.ts';
import { SearchService } from '../search/search-service.ts';
import { parseArgs } from './args.ts';

export interface SearchIo {
  out: (s: string) => void;
  err: (s: string) => void;
  tty: boolean;
}

/**
 * `search "<query>" --library DIR [--limit N] [--raw] [--json] [--variants]`
 * (--variants: 职工 also finds 職工). The index is
 * brought up to date first if it lags behind the library (a library imported
 * by an older version, or an index deleted as damaged); that is said on stderr.
 */
export function searchCommand(argv: string[], chooseLibrary: (flag: string | undefined) => string, io: SearchIo): number {
  const args = parseArgs(argv, ['library', 'limit'], ['raw', 'json', 'variants']);
  if (args.positional.length !== 1) throw new Error('search takes exactly one query (quote it: broadsheet search "职工 OR 工会")');
  const limitFlag = args.flags.get('limit');
  const limit = limitFlag === undefined ? 20 : Number(limitFlag);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new Error('--limit must be a whole number from 1 to 500');
  const dir = chooseLibrary(args.flags.get('library') as string | undefined);
  if (!existsSync(join(dir, 'library.sqlite'))) throw new Error(`${dir}: no library here (import something first)`);
  const store = new LibraryStore(dir);
  const search = new SearchService(store);
  try {
    const caught = search.catchUpSync((p) => {
      if (io.tty) io.err(`\rindexing ${p.done}/${p.total} documents${p.done === p.total ? '\n' : ''}`);
    });
    if (caught && !io.tty) io.err(`indexed ${caught} document(s) the search index lacked\n`);
    const result = search.query({ q: args.positional[0], limit, raw: args.flags.has('raw'), variants: args.flags.has('variants'), rects: true });
    if (args.flags.has('json')) io.out(JSON.stringify(jsonShape(result)) + '\n');
    else io.out(readable(result, store));
    return 0;
  } finally {
    search.close();
    store.close();
  }
}

function jsonShape(r: SearchResult) {
  return {
    total: r.total,
    tookMs: r.tookMs,
    hits: r.hits.map((h) => ({
      document: h.document,
      page: h.page,
      block: h.block,
      layer: h.layer,
      snippet: h.snippet,
      rects: (h.rects ?? []).map((q) => q.map((v) => Math.round(v * 100) / 100)),
    })),
  };
}

function readable(r: SearchResult, store: LibraryStore): string {
  const names = new Map<string, string>();
  const name = (id: string) => {
    if (!names.has(id)) {
      const d = store.get(id);
      names.set(id, d ? [d.newspaper, d.date].filter(Boolean).join(' ') || d.fileName : id.slice(0, 12));
    }
    return names.get(id)!;
  };
  const lines = r.hits.map((h) => {
    // Marks as [brackets], so the hit stands out without colour.
    let s = h.snippet;
    for (const [a, b] of [...h.marks].reverse()) s = s.slice(0, a) + '[' + s.slice(a, b) + ']' + s.slice(b);
    return `${name(h.document)}  p.${h.page}  ${h.block ?? 'raw'}  ${s}`;
  });
  lines.push(`${r.total} matching block${r.total === 1 ? '' : 's'}${r.hits.length < r.total ? `, ${r.hits.length} shown` : ''} (${r.tookMs} ms)`);
  return lines.join('\n') + '\n';
}

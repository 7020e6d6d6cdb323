import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/contract.ts';
import type { ImportResult } from '../../core/library-model.ts';
import { generateNdnpBatch, type BatchPageTruth } from '../../scripts/fixtures/ndnp-batch.ts';
import { inThreadProcessor } from './in-thread-processor.ts';
import { importUploads, type UploadInput } from './import-uploads.ts';
import { LibraryStore } from './library-store.ts';
import { createHandlers } from '../services/handlers.ts';
import { EventBus } from '../services/event-bus.ts';

let dir: string;
let truth: BatchPageTruth[];
let store: LibraryStore;
let results: ImportResult[];

/** What the renderer sends for a dropped folder: page PDFs and issue METS, each with its path in the drop (no JP2, no ALTO). */
function dropped(root: string): UploadInput[] {
  const out: UploadInput[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.pdf$/.test(name) || (/^\d{10}\.xml$/.test(name))) out.push({ name, path: relative(join(root, '..'), p), bytes: readFileSync(p) });
    }
  };
  walk(root);
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'upload-import-'));
  truth = await generateNdnpBatch(join(dir, 'in'), { issues: 5, pagesPerIssue: 3 });
  store = new LibraryStore(join(dir, 'lib'));
  results = await importUploads(store, inThreadProcessor, dropped(join(dir, 'in', 'batch_fixture_ver01')));
}, 120_000);
afterAll(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importing a dropped NDNP batch (files with their relative paths)', () => {
  it('plans it like a folder on disk: every page with its METS date, edition, order, page number and LCCN', () => {
    expect(results.filter((r) => r.status === 'imported')).toHaveLength(truth.length);
    const docs = store.list();
    for (const t of truth) {
      const d = docs.find((x) => x.issue === t.issue && x.sequence === t.sequence);
      expect({ lccn: d?.lccn, date: d?.date, edition: d?.edition, label: d?.pageLabel, source: d?.metadataSource }).toEqual({
        lccn: t.lccn,
        date: t.date,
        edition: t.edition,
        label: t.pageNumber,
        source: 'mets',
      });
    }
  });

  it('names each file by its path in the drop, and each METS as used for its metadata (not skipped)', () => {
    const mets = results.filter((r) => r.status === 'used');
    expect(mets).toHaveLength(5);
    expect(mets[0].note).toMatch(/^batch_fixture_ver01\/sn\d+\/\w+\/\d{10}\/\d{10}\.xml: issue METS \(read for dates and page order\)$/);
    expect(results.filter((r) => r.status === 'skipped' && /METS/.test(r.error ?? ''))).toEqual([]);
    expect(results.find((r) => r.status === 'imported')!.file).toMatch(/^batch_fixture_ver01\/sn\d+\/\w+\/\d{10}\/\d{4}\.pdf$/);
  });

  it('leaves files without paths to the plain importer, and XML the planner did not claim is skipped with its reason', async () => {
    const lib = new LibraryStore(join(dir, 'lib2'));
    try {
      const r = await importUploads(lib, inThreadProcessor, [
        { name: 'note.txt', bytes: new TextEncoder().encode('A loose note\n') },
        { name: 'x.xml', path: 'drop/x.xml', bytes: new TextEncoder().encode('<alto/>') },
      ]);
      expect(r.map((x) => [x.file, x.status])).toEqual([
        ['drop/x.xml', 'skipped'],
        ['note.txt', 'imported'],
      ]);
    } finally {
      lib.close();
    }
  });
});

describe('a dropped folder of loose scans (no issue METS)', () => {
  it('gives each PDF the ALTO sent beside it, as an import from disk does, and does not call that ALTO skipped', async () => {
    const lib = new LibraryStore(join(dir, 'lib3'));
    try {
      // A page PDF of the generated batch and the ALTO written beside it (0001.pdf, 0001.xml).
      const pdfPath = (function walk(d: string): string | null {
        for (const n of readdirSync(d).sort()) {
          const p = join(d, n);
          if (statSync(p).isDirectory()) {
            const hit = walk(p);
            if (hit) return hit;
          } else if (/^\d{4}\.pdf$/.test(n)) return p;
        }
        return null;
      })(join(dir, 'in'));
      const pdf = readFileSync(pdfPath!);
      const alto = readFileSync(pdfPath!.replace(/\.pdf$/, '.xml'));
      const r = await importUploads(lib, inThreadProcessor, [
        { name: 'scan.pdf', path: 'drop/scan.pdf', bytes: pdf },
        { name: 'scan.alto.xml', path: 'drop/scan.alto.xml', bytes: alto },
      ]);
      expect(r.map((x) => [x.file, x.status])).toEqual([['drop/scan.pdf', 'imported']]);
      expect(lib.layoutOriginal(r[0].id!)).not.toBeNull();
      expect(lib.page(r[0].id!, 1)!.layout).toBe('alto');
    } finally {
      lib.close();
    }
  });
});

describe('library.import paths from outside', () => {
  it('refuses a path that climbs out, is absolute, or does not end with the name, naming the field', async () => {
    const handlers = createHandlers({ store, processor: inThreadProcessor, events: new EventBus(), host: 'browser', version: 't' });
    for (const path of ['../a.pdf', '/etc/a.pdf', 'x/../../a.pdf', 'C:/a.pdf', 'x\\a.pdf', 'x/b.pdf']) {
      const reply = await dispatch(handlers, 'library.import', { files: [{ name: 'a.pdf', path, data: new Uint8Array(0) }] });
      expect(reply.ok, path).toBe(false);
      expect(!reply.ok && reply.error, path).toMatch(/^library\.import: invalid files\.0\.path: /);
    }
  });
});

/**
 * What ingest stores, hashed, to hold speed work to the same output:
 *   npx node bench/ingest-identity.ts [--json]
 * Imports every fixture PDF (fixtures/pdf), the seed text dump and the
 * Library of Congress pages (../shared/pdfs/loc, each with and without its
 * ALTO) through the real import path (the worker pool) into fresh libraries,
 * then prints per file and page the SHA-256 of what reads back: the page
 * model (`LibraryStore.page`: raw items, cleaned blocks, maps, edits,
 * photos), the stored page-view wire (`PageViews.reply`, encoded there if the
 * import did not store one) and that wire decoded. Compare the output of two
 * checkouts with diff; the last line hashes every line before it.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { decodePageView, type PageViewWire } from '../core/page-view/page-view-codec.ts';
import { importFiles, type ImportInput } from '../src-main/library/import-service.ts';
import { LibraryStore } from '../src-main/library/library-store.ts';
import { PageViews } from '../src-main/library/page-views.ts';
import { createProcessor } from '../src-main/library/processor.ts';

const ROOT = join(import.meta.dirname, '..');
const LOC = join(ROOT, '..', 'shared', 'pdfs', 'loc');
const SEED = join(ROOT, '..', 'shared', 'seed');
const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 16);

const inputs: Array<{ label: string; input: ImportInput }> = [];
const fixtures = join(ROOT, 'fixtures', 'pdf');
for (const f of readdirSync(fixtures).filter((f) => f.endsWith('.pdf') && f !== 'encrypted.pdf').sort())
  inputs.push({ label: f, input: { name: f, bytes: readFileSync(join(fixtures, f)) } });
if (existsSync(SEED)) for (const f of readdirSync(SEED).filter((f) => f.endsWith('.txt')).sort()) inputs.push({ label: f, input: { name: f, bytes: readFileSync(join(SEED, f)) } });
else console.log(`note: ${SEED} is absent; the seed text dump is skipped`);
if (existsSync(LOC)) {
  for (const f of readdirSync(LOC).filter((f) => f.endsWith('.pdf')).sort()) {
    inputs.push({ label: f, input: { name: f, bytes: readFileSync(join(LOC, f)) } });
    const alto = join(LOC, f.replace(/\.pdf$/, '.alto.xml'));
    if (existsSync(alto)) inputs.push({ label: `${f}+alto`, input: { name: f, bytes: readFileSync(join(LOC, f)), alto: readFileSync(alto) } });
  }
} else console.log(`note: ${LOC} is absent; the Library of Congress pages are skipped`);

const processor = createProcessor();
const lines: string[] = [];
for (const { label, input } of inputs) {
  // One library per file: the same bytes with and without ALTO would otherwise be a duplicate.
  const dir = mkdtempSync(join(tmpdir(), 'broadsheet-identity-'));
  const store = new LibraryStore(dir);
  try {
    const [result] = await importFiles(store, processor, [input]);
    if (result.status !== 'imported') throw new Error(`${label}: ${result.error ?? result.status}`);
    const id = result.id!;
    const views = new PageViews(store);
    for (let n = 1; n <= store.get(id)!.pageCount; n++) {
      const model = store.page(id, n)!;
      const reply = views.reply(id, n)!;
      const decoded = decodePageView(JSON.parse(reply.wire) as PageViewWire, reply);
      lines.push(`${basename(label)} p${n} model ${sha(JSON.stringify(model))} view ${sha(reply.wire)} decoded ${sha(JSON.stringify(decoded))}`);
    }
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
await processor.close();
for (const l of lines) console.log(l);
console.log(`all ${lines.length} pages: ${sha(lines.join('\n'))}`);

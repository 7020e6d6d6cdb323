/**
 * npx node bench/typeset-previews.ts — what drawing typeset pages' previews
 * costs (src-main/previews/typeset-raster.ts): pdf.js in a worker thread onto
 * @napi-rs/canvas, JPEG-encoded, in the background after an import.
 *
 * For the CJK fixture and each page of a generated 20-page typeset document:
 * wall and CPU (this process, worker thread included) per page, the
 * preview's size, and the process's peak RSS; beside poppler's pdftoppm
 * drawing the same page at the same width (baseline, same run). Then the
 * RSS once the worker has been let go (idle), to show memory is only held
 * while previews are being made.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliImport, ROOT } from '../e2e/support/host-process.ts';
import { LibraryStore } from '../src-main/library/library-store.ts';
import { PREVIEW_WIDTH, PreviewService } from '../src-main/previews/preview-service.ts';
import { generateNewspaperPdf } from '../scripts/fixtures/newspaper-pdf.ts';
import { cpuMs, median } from './support/stats.ts';

const CACHE = join(ROOT, '.cache', 'fixtures');
mkdirSync(CACHE, { recursive: true });
const multipage = join(CACHE, 'cjk-multipage-20.pdf');
if (!existsSync(multipage)) writeFileSync(multipage, (await generateNewspaperPdf({ pages: 20, seed: 7 })).pdf);
const files = [join(ROOT, 'fixtures', 'pdf', 'cjk-overprint.pdf'), multipage];

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
/** CPU of waited-for children (pdftoppm), ms. */
function childCpuMs(): number {
  const text = readFileSync('/proc/self/stat', 'utf8');
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return ((Number(f[13]) + Number(f[14])) * 1000) / 100;
}
const threads = () => Number(/^Threads:\s+(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

const library = mkdtempSync(join(tmpdir(), 'broadsheet-typeset-previews-'));
try {
  cliImport(library, files);
  const store = new LibraryStore(library);
  const previews = new PreviewService(store);
  console.log(`machine: load average ${load()} (2 cores shared; compare within this run). Previews ${PREVIEW_WIDTH} px across.`);
  console.log(['file', 'pages', 'first page ms (cpu) incl. worker start', 'later pages ms (cpu), median', 'preview KB, median', 'pdftoppm same width ms (cpu), median'].join('  |  '));
  const rssBefore = process.memoryUsage().rss;
  for (const doc of store.list({ sort: 'imported' })) {
    const rows: { ms: number; cpu: number; kb: number }[] = [];
    for (let n = 1; n <= doc.pageCount; n++) {
      const [t, c] = [performance.now(), cpuMs()];
      const path = await previews.ensure(doc.id, n);
      rows.push({ ms: performance.now() - t, cpu: cpuMs() - c, kb: path ? statSync(path).size / 1e3 : NaN });
      if (!path) console.log(`  ${doc.fileName} p${n}: no preview (${previews.noneReason(doc.id, n) ?? 'not made'})`);
    }
    const ppm = Array.from({ length: Math.min(3, doc.pageCount) }, (_, i) => {
      const out = mkdtempSync(join(tmpdir(), 'ppm-'));
      const [t, c] = [performance.now(), childCpuMs()];
      spawnSync('pdftoppm', ['-scale-to-x', String(PREVIEW_WIDTH), '-scale-to-y', '-1', '-f', String(i + 1), '-l', String(i + 1), '-jpeg', store.objectPath(doc.id)!, join(out, 'p')]);
      const r = { ms: performance.now() - t, cpu: childCpuMs() - c };
      rmSync(out, { recursive: true, force: true });
      return r;
    });
    const later = rows.slice(1);
    const fmt = (ms: number, cpu: number) => `${ms.toFixed(0)} (${cpu.toFixed(0)})`;
    console.log(
      [
        doc.fileName,
        doc.pageCount,
        fmt(rows[0].ms, rows[0].cpu),
        later.length ? fmt(median(later.map((r) => r.ms)), median(later.map((r) => r.cpu))) : '–',
        median(rows.map((r) => r.kb)).toFixed(0),
        fmt(median(ppm.map((r) => r.ms)), median(ppm.map((r) => r.cpu))),
      ].join('  |  '),
    );
  }
  const peakWhile = peakRss;
  const threadsWhile = threads();
  await new Promise((r) => setTimeout(r, 6500)); // past typeset-raster.ts's IDLE_MS: the worker is let go
  globalThis.gc?.();
  console.log(
    `RSS: ${(rssBefore / 1e6).toFixed(0)} MB before, peak ${(peakWhile / 1e6).toFixed(0)} MB while drawing, ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB once the worker is let go ` +
      `(threads ${threadsWhile} → ${threads()}; the allocator keeps some freed pages) (load average ${load()})`,
  );
  previews.close();
  store.close();
} finally {
  clearInterval(sampler);
  rmSync(library, { recursive: true, force: true });
}

import { PDFDocument, StandardFonts } from 'pdf-lib';
import { benchCleanedPage, benchRawPage } from './bench-page.ts';
import { LibraryStore } from '../../src-main/library/library-store.ts';

/** The newspapers of the bench library: 20 titles, documents dealt to them in turn. */
export const BENCH_PAPERS = Array.from({ length: 20 }, (_, i) => `The Bench ${['Gazette', 'Herald', 'Star', 'Tribune', 'Courier'][i % 5]} ${i + 1}`);

/**
 * Builds in `dir` the library the library benches measure: `n` one-page
 * documents (20 newspapers, NDNP-style issues of 8 pages over 30 years; each
 * a distinct tiny PDF), stored straight through LibraryStore rather than
 * imported, which would take minutes. Returns the time it took, ms.
 */
export async function buildBenchLibrary(dir: string, n: number): Promise<number> {
  const started = performance.now();
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([612, 792]).drawText('Bench page', { x: 72, y: 700, size: 14, font });
  const base = await pdf.save();
  const store = new LibraryStore(dir);
  for (let i = 0; i < n; i++) {
    const paper = i % BENCH_PAPERS.length;
    const issueNo = Math.floor(i / BENCH_PAPERS.length / 8);
    const seq = Math.floor(i / BENCH_PAPERS.length) % 8;
    const day = new Date(Date.UTC(1880, 0, 1) + issueNo * 3 * 86400000).toISOString().slice(0, 10);
    const bytes = new Uint8Array([...base, ...new TextEncoder().encode(`\n%bench ${i}\n`)]);
    const id = store.storeOriginal(bytes);
    const pending = store.begin(id, 'pdf', `${String(i).padStart(5, '0')}.pdf`, bytes.length);
    pending.addPage(benchRawPage, benchCleanedPage);
    const lccn = `sn9${String(paper).padStart(7, '0')}`;
    pending.commit(
      { newspaper: BENCH_PAPERS[paper], date: day, page: seq + 1, edition: '01', title: '' },
      { lccn, issue: `${lccn}/${day}/01`, sequence: seq + 1, pageLabel: String(seq + 1), volume: '', number: '' },
    );
  }
  store.close();
  return performance.now() - started;
}

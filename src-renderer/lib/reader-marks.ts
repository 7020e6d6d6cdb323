/**
 * Named moments on the way from a click to a page on screen, as User Timing
 * marks (`broadsheet:<step>`, detail { docId, page }). They cost next to
 * nothing; bench:reader (BENCH_TRACE=1) reads them back with the long tasks
 * around them to show where a first paint or a page turn spends its time.
 */
export type ReaderStep =
  | 'open'
  | 'page-view-fetched'
  | 'preview-fetched'
  | 'preview-decoded'
  | 'preview-painted'
  | 'pdf-page-ready'
  | 'pdf-render-start'
  | 'page-painted'
  | 'text-panels'
  | 'text-panels-complete';

export function markReader(step: ReaderStep, docId: string, page: number): void {
  try {
    performance.mark(`broadsheet:${step}`, { detail: { docId, page } });
  } catch {
    // A runtime without User Timing: nothing to record.
  }
}

import type { CleanedPage, RawPage } from '../../core/page-model.ts';
import type { ExtractOptions, PdfInfo } from './extract-pdf.ts';
import type { ProcessedPageWire } from './processed-page.ts';

/** What the bytes are: a PDF for pdf.js, or a UTF-8 text dump split into pages as it streams. */
export type SourceFormat = 'pdf' | 'text';

/** Messages between the extract pool (main thread) and its workers. */

export type ToWorker =
  /** `alto`: the ALTO XML that came with the PDF; cleaning takes the layout from it (core/cleaning/clean-page.ts). */
  /** `processed`: clean, and send each page as a ProcessedPageWire (JSON text) instead of objects. */
  /** `linkLonePage`: a PDF that turns out to have one page has its photos linked here (link-lone-page.ts), and `done` says so. */
  | { type: 'extract'; job: number; data: Uint8Array; opts: ExtractOptions; clean: boolean; format: SourceFormat; alto?: string; processed?: boolean; linkLonePage?: boolean }
  /** The consumer finished with one more page: the worker may run that much further ahead. */
  | { type: 'ack'; job: number }
  /** Load pdf.js and pdf-lib now, ahead of the first document (ExtractPool.warm). */
  | { type: 'warm' };

export type FromWorker =
  /** `cleaned` is present when the job asked the worker to clean as well. */
  | { type: 'page'; job: number; page: RawPage; cleaned?: CleanedPage }
  /** A page of a `processed` job. */
  | { type: 'processed'; job: number; page: ProcessedPageWire }
  /** The document is open: how many pages it has (sent before its first page). */
  | { type: 'opened'; job: number; info: PdfInfo }
  /** `photosLinked`: the job's one page went out with its photos linked (a `linkLonePage` job of a one-page PDF). */
  | { type: 'done'; job: number; pageCount: number; info: PdfInfo; photosLinked?: boolean }
  | { type: 'error'; job: number; message: string };

/** Pages a worker may send before the consumer has handled them; bounds memory with a slow consumer. */
export const PAGES_IN_FLIGHT = 4;

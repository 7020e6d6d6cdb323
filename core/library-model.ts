/** Library records shared by main, renderer and CLI. */

/** A document id: the SHA-256 of its original bytes, lower-case hex. The one copy of this pattern. */
export const DOCUMENT_ID_RE = /^[a-f0-9]{64}$/;

/** Orders the library can be listed in (settings, the list request and the store share them). */
export const LIBRARY_SORTS = ['date', 'newspaper', 'title', 'imported'] as const;
export type LibrarySort = (typeof LIBRARY_SORTS)[number];

export interface Fixity {
  algorithm: 'sha-256';
  digest: string;
  size: number;
  /** ISO 8601 time the digest was computed at import. */
  checkedAt: string;
}

export interface DocumentMetadata {
  newspaper: string;
  /** ISO date (YYYY-MM-DD) or '' when unknown. */
  date: string;
  /** First page number in the printed issue, or null. */
  page: number | null;
  edition: string;
  title: string;
  /** BCP 47 tag the archivist chose ("zh-Hant"), or '' to detect it from the text (core/language.ts). */
  language: string;
}

export type SourceKind = 'pdf' | 'text';

/**
 * Where a document sits in a newspaper's run, as an NDNP issue METS records
 * it: the title's LCCN, the issue (one key shared by all of its pages:
 * lccn/date/edition) and the page's place in it. Empty for files that came
 * without a METS; the library then groups them by newspaper, date and edition.
 */
export interface DocumentPlacement {
  lccn: string;
  /** Issue key, '' when unknown. */
  issue: string;
  /** 1-based place of the page in its issue, or null. */
  sequence: number | null;
  /** Printed page number or label ("A1"), '' when unknown. */
  pageLabel: string;
  volume: string;
  /** Issue number as printed ("1,887"). */
  number: string;
}

export const NO_PLACEMENT: DocumentPlacement = { lccn: '', issue: '', sequence: null, pageLabel: '', volume: '', number: '' };

/**
 * Where a document's metadata came from: guessed at import (file name, PDF
 * Info), read from an issue METS, or set by the archivist. A guess is shown
 * as one until the archivist confirms it.
 */
export type MetadataSource = 'guess' | 'mets' | 'archivist';

export interface DocumentSummary extends DocumentMetadata, DocumentPlacement {
  metadataSource: MetadataSource;
  id: string;
  sha256: string;
  kind: SourceKind;
  fileName: string;
  pageCount: number;
  importedAt: string;
}

export interface DocumentDetail extends DocumentSummary {
  fixity: Fixity;
}

export interface ImportResult {
  file: string;
  /** 'skipped': not imported itself, `error` says why (core/import-report.ts): a file a batch carries (ALTO/METS XML, JP2/TIFF images, manifests), an empty folder, or one we may not open (a FIFO, a device, a link out of the folder). */
  /** 'used': read for other files' metadata (an issue METS gives its pages their dates and order), not a page itself; `note` says so. */
  status: 'imported' | 'duplicate' | 'failed' | 'skipped' | 'used';
  id?: string;
  /** Failed or skipped: one line naming the file and the reason ("a.pdf: not a PDF (no %PDF- header)"); shown as is. */
  error?: string;
  /** Used: one line naming the file and what it was read for. Duplicate: what became of the ALTO it brought, if anything. */
  note?: string;
  /** Duplicate: the document's guessed metadata was replaced by what this import brought (its METS). */
  upgraded?: boolean;
  /** Imported, but something about the file is worth knowing (a PDF whose end is damaged: pdf.js rebuilt its lost cross-reference table): one line naming the file and the reason. Not a failure. */
  warning?: string;
  /** Duplicate: this import brought the ALTO the document lacked and its pages were rebuilt with the ALTO's layout (`note` says so; when it could not be, `note` says why). */
  relaid?: boolean;
}

export interface ImportProgress {
  /** Identifies one import batch. */
  batch: string;
  done: number;
  total: number;
  file: string;
  /** Pages stored so far of `file` (a long PDF takes a while), when it has begun; sent a few times a second at most. */
  page?: number;
  /** `file`'s page count, once known (0 or absent: not known, as with a text dump). */
  pages?: number;
}

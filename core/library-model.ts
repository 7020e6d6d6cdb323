/** Library records shared by main, renderer and CLI. */

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
}

export type SourceKind = 'pdf' | 'text';

export interface DocumentSummary extends DocumentMetadata {
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
  /** 'skipped': not a file we may open (a FIFO, a device, a link out of the folder); `error` says why. */
  status: 'imported' | 'duplicate' | 'failed' | 'skipped';
  id?: string;
  error?: string;
}

export interface ImportProgress {
  /** Identifies one import batch. */
  batch: string;
  done: number;
  total: number;
  file: string;
}

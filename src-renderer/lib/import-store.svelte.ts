import { importReport, type ImportReport } from '../../core/import-report.ts';
import type { ImportProgress, ImportResult } from '../../core/library-model.ts';
import { filesFromDrop } from './dropped-files.ts';
import { readAsBytes, readingLabel } from './import-reader.ts';
import { planUploadBatches, uploadPathOf, withoutSplitArtifacts } from './upload-paths.ts';

/**
 * Importing from the window: files chosen with Import… or dropped (folders
 * walked), read in the page and sent in batches that stay under the bridge's
 * limits, with progress in bytes read; at the end one summary line and every
 * failure and skip named once.
 */
export interface ImportBackend {
  /** `path`: where the file sat in what was dropped or picked (batch, title, reel and issue folders). */
  send: (files: { name: string; path?: string; data: Uint8Array }[]) => Promise<ImportResult[]>;
  /** Re-reads the library once files went in. */
  refresh: () => Promise<void>;
  /** After the refresh: every result of the import (the app shows the document it brought, lib/import-reveal). */
  done?: (results: ImportResult[]) => void | Promise<void>;
  /** The one-line summary for the status bar. */
  say: (summary: string) => void;
  fail: (err: unknown) => void;
  /** Largest request, in bytes. */
  maxBatchBytes?: number;
  drop?: (dt: DataTransfer) => ReturnType<typeof filesFromDrop>;
}

export class ImportStore {
  progress = $state<ImportProgress | null>(null);
  /** The failures and skips of the last import, until dismissed. */
  report = $state.raw<ImportReport | null>(null);
  /** Files are being dragged over the window. */
  dragging = $state(false);

  private readonly backend: ImportBackend;

  constructor(backend: ImportBackend) {
    this.backend = backend;
  }

  async importFiles(files: File[], skipped: ImportResult[] = []): Promise<void> {
    const { backend } = this;
    this.report = null;
    const results: ImportResult[] = [...skipped];
    if (files.length === 0) {
      const r = importReport(results);
      if (r.problems.length) this.report = r;
      backend.say(r.summary);
      return;
    }
    const total = files.reduce((n, f) => n + f.size, 0);
    let before = 0;
    try {
      // Keep each request well under the bridge's limits.
      for (const batch of planUploadBatches(files, backend.maxBatchBytes ?? 64 * 1024 * 1024)) {
        const payload: { name: string; path?: string; data: Uint8Array }[] = [];
        for (const i of batch) {
          const f = files[i];
          const show = (read: number) => (this.progress = { batch: 'local', done: before + read, total, file: readingLabel(f.name, before + read, total) });
          show(0);
          payload.push({ name: f.name, path: uploadPathOf(f), data: await readAsBytes(f, show) });
          before += f.size;
        }
        this.progress = { batch: 'local', done: before, total, file: `Importing ${payload.length === 1 ? payload[0].name : `${payload.length} files`}` };
        results.push(...(await backend.send(payload)));
      }
      // Each failure's error already names its file: show them all, as they are.
      const r = importReport(withoutSplitArtifacts(results, files));
      backend.say(r.summary);
      if (r.problems.length) this.report = r;
      await backend.refresh();
      await backend.done?.(results);
    } catch (err) {
      backend.fail(err);
    } finally {
      this.progress = null;
    }
  }

  /** Progress of an import the back end runs (the CLI's or the menu's); gone once done. */
  onProgress(p: ImportProgress): void {
    this.progress = p.done >= p.total ? null : p;
  }

  // Drag and drop: only drags that carry files are ours.
  static hasFiles(e: DragEvent): boolean {
    return e.dataTransfer?.types.includes('Files') ?? false;
  }

  dragover(e: DragEvent): void {
    if (!ImportStore.hasFiles(e)) return;
    e.preventDefault();
    this.dragging = true;
  }

  dragleave(e: DragEvent): void {
    if (!e.relatedTarget) this.dragging = false;
  }

  async drop(e: DragEvent): Promise<void> {
    if (!ImportStore.hasFiles(e)) return;
    e.preventDefault();
    this.dragging = false;
    const { files, skipped } = await (this.backend.drop ?? filesFromDrop)(e.dataTransfer!);
    if (files.length === 0 && skipped.length === 0) this.backend.fail(new Error('Nothing to import: drop PDF or .txt files, or folders holding them.'));
    else void this.importFiles(files, skipped);
  }
}

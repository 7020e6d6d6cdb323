/**
 * Reading files for library.import without freezing the window. The bytes
 * cross the bridge as they are (Electron's IPC clones a Uint8Array; the
 * browser host takes a binary envelope), so a request holds each file once,
 * not a third larger as base64. Progress is reported in bytes read, the only
 * honest measure while reading.
 */

/**
 * Groups files (by size, in order) into requests of at most `maxBytes`. A
 * file too big for any request goes alone (the back end then says why it
 * refuses it).
 */
export function planBatches(sizes: readonly number[], maxBytes: number, maxFiles = 100): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  sizes.forEach((size, i) => {
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxFiles)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(i);
    bytes += size;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

const MB = 1024 * 1024;
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < MB) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;
}

/** "Reading page-3.pdf · 1.2 MB of 4.0 MB" */
export function readingLabel(fileName: string, read: number, total: number): string {
  return `Reading ${fileName} · ${formatBytes(read)} of ${formatBytes(total)}`;
}

/** A file's bytes, reporting bytes read so far (FileReader reads off the main thread and says how far it got). */
export function readAsBytes(file: Blob, onProgress: (loaded: number) => void): Promise<Uint8Array> {
  if (typeof FileReader === 'undefined') {
    return file.arrayBuffer().then((buf) => {
      onProgress(file.size);
      return new Uint8Array(buf);
    });
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onProgress(e.loaded);
    reader.onload = () => {
      onProgress(file.size);
      resolve(new Uint8Array(reader.result as ArrayBuffer));
    };
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsArrayBuffer(file);
  });
}

import { bytesToBase64 } from './base64.ts';

/**
 * Reading files for library.import without freezing the window. The browser
 * encodes base64 natively and off the main thread in FileReader.readAsDataURL;
 * where that is missing we encode in slices and yield between them. Progress
 * is reported in bytes read, the only honest measure while reading.
 */

/** The base64 payload of a data: URL ("data:application/pdf;base64,JVBERi0…"). */
export function dataUrlPayload(url: string): string {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0 || !url.slice(0, comma).endsWith(';base64')) throw new Error('not a base64 data URL');
  return url.slice(comma + 1);
}

/**
 * Groups files (by size, in order) into requests that stay under the bridge's
 * limits once base64 has grown them by 4/3. A file too big for any request
 * goes alone (the back end then says why it refuses it).
 */
export function planBatches(sizes: readonly number[], maxEncodedBytes: number, maxFiles = 100): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  sizes.forEach((size, i) => {
    const encoded = Math.ceil(size / 3) * 4;
    if (current.length > 0 && (bytes + encoded > maxEncodedBytes || current.length >= maxFiles)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(i);
    bytes += encoded;
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

/** Base64 of bytes in slices (a multiple of 3 bytes, so the pieces join), yielding between slices. */
export async function encodeInSlices(bytes: Uint8Array, onProgress: (done: number) => void, slice = 3 * 256 * 1024, pause: () => Promise<void> = () => new Promise((r) => setTimeout(r))): Promise<string> {
  const step = Math.max(3, slice - (slice % 3));
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += step) {
    parts.push(bytesToBase64(bytes.subarray(at, at + step)));
    onProgress(Math.min(bytes.length, at + step));
    await pause();
  }
  return parts.join('');
}

/** A file's content as base64, reporting bytes read so far. */
export function readAsBase64(file: Blob, onProgress: (loaded: number) => void): Promise<string> {
  if (typeof FileReader === 'undefined') return file.arrayBuffer().then((buf) => encodeInSlices(new Uint8Array(buf), onProgress));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onprogress = (e) => onProgress(e.loaded);
    reader.onload = () => {
      onProgress(file.size);
      try {
        resolve(file.size === 0 ? '' : dataUrlPayload(reader.result as string));
      } catch (err) {
        reject(err);
      }
    };
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(file);
  });
}

/**
 * A PDF that lost its end (a download or copy cut short) still opens: pdf.js
 * rebuilds the lost xref table and trailer by scanning the whole file, and
 * says nothing. An archive must hear about it, so import (and `verify`, on
 * every original) looks at the last
 * kilobyte, cheaply (no parse): the `%%EOF` marker must be there with no
 * unfinished update after it, and the last `startxref` must point at an xref
 * table or an xref stream object.
 * The file still imports (its bytes are kept as they are); this is a warning.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

const TAIL = 1024;
/** Enough to see an object header and its dictionary's /Type (an xref stream's is near the start). */
const LOOK = 512;

/** Why the end of this PDF looks damaged, or null when it looks whole. */
export function damagedPdfEnd(bytes: Uint8Array): string | null {
  return damagedEnd(bytes.length, (from, to) => bytes.subarray(from, to));
}

/**
 * The same look at a PDF on disk (an original in the library, for `verify`):
 * only its last kilobyte and the bytes its startxref points at are read, so a
 * large scan never sits in memory whole.
 */
export function damagedPdfFileEnd(path: string): string | null {
  const fd = openSync(path, 'r');
  try {
    return damagedEnd(fstatSync(fd).size, (from, to) => {
      const buf = new Uint8Array(to - from);
      let n = 0;
      for (let got: number; n < buf.length && (got = readSync(fd, buf, n, buf.length - n, from + n)) > 0; ) n += got;
      return buf.subarray(0, n);
    });
  } finally {
    closeSync(fd);
  }
}

function damagedEnd(length: number, read: (from: number, to: number) => Uint8Array): string | null {
  const tail = latin1(read(Math.max(0, length - TAIL), length));
  if (!tail.includes('%%EOF')) return 'damaged end: no %%EOF in its last 1 KB (cut short?); the pages were read by rebuilding its cross-reference table';
  // An update appended to a whole file and then cut short leaves the first %%EOF standing, with an unfinished object after it.
  const after = tail.slice(tail.lastIndexOf('%%EOF') + 5);
  if (/\d+\s+\d+\s+obj\b|\bxref\b|\btrailer\b|\bstartxref\b/.test(after)) {
    return 'damaged end: an update after its last %%EOF is cut short; the pages were read from before it';
  }
  const at = tail.lastIndexOf('startxref');
  if (at < 0) return 'damaged end: no startxref before its %%EOF; the pages were read by rebuilding its cross-reference table';
  const offset = /^startxref\s+(\d+)/.exec(tail.slice(at))?.[1];
  if (offset === undefined) return 'damaged end: its startxref has no offset; the pages were read by rebuilding its cross-reference table';
  const n = Number(offset);
  if (n >= length) return `damaged end: its startxref points at byte ${n}, past its end (${length} bytes)`;
  const target = latin1(read(n, Math.min(length, n + LOOK))).replace(/^\s+/, '');
  if (target.startsWith('xref')) return null;
  if (/^\d+\s+\d+\s+obj\b/.test(target) && /\/Type\s*\/XRef\b/.test(target)) return null;
  return `damaged end: its startxref (byte ${n}) does not point at a cross-reference table; the pages were read by rebuilding it`;
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

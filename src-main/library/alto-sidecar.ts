/**
 * The OCR file that comes with a scan (ALTO XML: same base name as the PDF,
 * `.alto.xml` or `.xml`, as Library of Congress batches and page downloads
 * lay them out). Import and `extract` read it for the page's layout and
 * photos; the PDF stays the original and its text the raw layer.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { fileErrorReason } from './file-error-reason.ts';
import { importError } from './import-service.ts';
import { MAX_ALTO_BYTES } from '../../core/ndnp-sniff.ts';

/** The OCR file that came with a scan: same base name, `.alto.xml` or `.xml`. */
export function siblingAlto(pdf: string): string | null {
  return altoNamesBeside(pdf).find((candidate) => existsSync(candidate) && statSync(candidate).isFile()) ?? null;
}

/** Where the ALTO of a PDF would sit, most specific first (none for a name that is not a .pdf). */
export function altoNamesBeside(pdf: string): string[] {
  return /\.pdf$/i.test(pdf) ? ['.alto.xml', '.xml'].map((ext) => pdf.replace(/\.pdf$/i, ext)) : [];
}

/**
 * The bytes of the ALTO beside `file` (or at `alto`, as an NDNP issue's METS
 * names it), kept as they are (import stores them beside the original); null
 * when there is none. Throws a one-line reason naming the ALTO file.
 */
export function readAltoBytes(file: string, alto: string | null = siblingAlto(file)): Uint8Array | null {
  if (!alto) return null;
  try {
    if (statSync(alto).size > MAX_ALTO_BYTES) throw new Error(`ALTO file larger than ${MAX_ALTO_BYTES >> 20} MB`);
    return new Uint8Array(readFileSync(alto));
  } catch (err) {
    throw new Error(importError(alto, err instanceof Error && 'code' in err ? fileErrorReason(err) : (err as Error).message), { cause: err });
  }
}

/** readAltoBytes on libuv's thread pool (import reads a batch's files so: import-paths.ts), with the same reasons. */
export async function readAltoBytesAsync(file: string, alto: string | null = siblingAlto(file)): Promise<Uint8Array | null> {
  if (!alto) return null;
  try {
    if ((await stat(alto)).size > MAX_ALTO_BYTES) throw new Error(`ALTO file larger than ${MAX_ALTO_BYTES >> 20} MB`);
    return new Uint8Array(await readFile(alto));
  } catch (err) {
    throw new Error(importError(alto, err instanceof Error && 'code' in err ? fileErrorReason(err) : (err as Error).message), { cause: err });
  }
}

/** The ALTO as text (UTF-8, as ALTO files are written). */
export function altoText(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** The ALTO beside `file` as text, or null. */
export function readAlto(file: string, alto: string | null = siblingAlto(file)): string | null {
  const bytes = readAltoBytes(file, alto);
  return bytes ? altoText(bytes) : null;
}


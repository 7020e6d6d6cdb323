/**
 * The OCR file that comes with a scan (ALTO XML: same base name as the PDF,
 * `.alto.xml` or `.xml`, as Library of Congress batches and page downloads
 * lay them out). Import and `extract` read it for the page's layout and
 * photos; the PDF stays the original and its text the raw layer.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { importError } from './import-service.ts';

/** Largest ALTO file read beside a PDF. */
const MAX_ALTO_BYTES = 64 * 1024 * 1024;

/** The OCR file that came with a scan: same base name, `.alto.xml` or `.xml`. */
export function siblingAlto(pdf: string): string | null {
  for (const ext of ['.alto.xml', '.xml']) {
    const candidate = pdf.replace(/\.pdf$/i, ext);
    if (candidate !== pdf && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The ALTO beside `file` (or at `alto`, as an NDNP issue's METS names it), as text; null when there is none. */
export function readAlto(file: string, alto: string | null = siblingAlto(file)): string | null {
  if (!alto) return null;
  if (statSync(alto).size > MAX_ALTO_BYTES) throw new Error(importError(alto, `ALTO file larger than ${MAX_ALTO_BYTES >> 20} MB`));
  return readFileSync(alto, 'utf8');
}


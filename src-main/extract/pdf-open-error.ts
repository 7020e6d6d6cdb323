/**
 * Why pdf.js could not open a file, as one clean line: our reason first, then
 * pdf.js's own words only when they add something ("incorrect password", "missing
 * startxref"), in the form of the rest of our messages (lower case, no period).
 * pdf.js's "Invalid PDF structure." after "truncated or corrupt PDF", or "No
 * password given" after "password required", only said the same thing twice.
 */

/** pdf.js details that repeat the reason they come with. */
const SAYS_NOTHING_MORE = new Set(['invalid pdf structure', 'no password given', 'unknown error', '']);

/** The first line of a pdf.js message, its trailing period gone, its capitalised words lower-cased (not XRef, FCHECK, PDF). */
export function pdfjsDetail(message: string): string {
  const line = message.split('\n')[0].trim().replace(/[.\s]+$/, '');
  return line.replace(/(?<![\p{L}\p{N}])\p{Lu}\p{Ll}+(?![\p{L}\p{N}])/gu, (w) => w.toLowerCase());
}

export function describeOpenError(err: unknown): Error & { reason: string } {
  const e = err as { name?: string; message?: string } | null | undefined;
  const name = e?.name ?? '';
  const msg = e?.message ?? String(err);
  let reason: string;
  // Callers check the %PDF- header first, so anything pdf.js cannot parse past it is damage, not a foreign format.
  if (name === 'PasswordException') reason = 'encrypted (password required)';
  else if (name === 'InvalidPDFException' || name === 'FormatError' || name === 'UnknownErrorException') reason = 'truncated or corrupt PDF';
  else if (/xref|stream|eof|unexpected|invalid|corrupt/i.test(msg)) reason = 'truncated or corrupt PDF';
  else reason = 'could not open PDF';
  const detail = pdfjsDetail(msg);
  const out = new Error(SAYS_NOTHING_MORE.has(detail.toLowerCase()) ? reason : `${reason}: ${detail}`);
  return Object.assign(out, { reason });
}

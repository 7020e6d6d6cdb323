import { isIsoDate } from '../../core/iso-date.ts';
import type { DocumentMetadata } from '../../core/library-model.ts';

/**
 * Guesses newspaper, date and page from names archives really use, such as
 * "evening-star-1859-02-21-p7.pdf" or "永康日报_2021-01-15_第3版.pdf", and
 * from the PDF titles digitization programmes write, such as Chronicling
 * America's "Der Nordstern (St. Cloud, Minn.) 1874-1931, January 03, 1878"
 * or "Der Nordstern (St. Cloud, Minn.) … 1878-01-03 [p ]". Anything it
 * cannot read stays empty; the archivist can edit it later.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A real calendar date, or null: 1865-02-30 is not one (the check is core/iso-date.ts, the one the contract uses). */
export function isoDate(y: number, m: number, d: number): string | null {
  if (!(y >= 1000 && y <= 2999)) return null;
  const date = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
}

interface Found {
  date: string;
  index: number;
  length: number;
}

/** The first ISO-like (1878-01-03, 18780103) or written ("January 03, 1878") date in text. */
function findDate(text: string): Found | null {
  const iso = /(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)/g;
  for (let m; (m = iso.exec(text)); ) {
    const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) return { date, index: m.index, length: m[0].length };
  }
  const written = new RegExp(`\\b(${MONTHS.join('|')})\\s+(\\d{1,2}),?\\s+(\\d{4})\\b`, 'i').exec(text);
  if (written) {
    const date = isoDate(Number(written[3]), MONTHS.indexOf(written[1].toLowerCase()) + 1, Number(written[2]));
    if (date) return { date, index: written.index, length: written[0].length };
  }
  return null;
}

const cut = (s: string, f: { index: number; length: number }) => s.slice(0, f.index) + ' ' + s.slice(f.index + f.length);

export function metadataFromFileName(fileName: string): DocumentMetadata {
  const stem = fileName.replace(/\.[^.]+$/, '');
  const meta: DocumentMetadata = { newspaper: '', date: '', page: null, edition: '', title: '', language: '' };
  let rest = stem;

  const date = findDate(rest);
  if (date) {
    meta.date = date.date;
    rest = cut(rest, date);
  }
  const page = /(?:^|[-_\s])(?:p|page|pg|seq)[-_]?(\d{1,4})(?=$|[-_\s])|第(\d{1,4})[版页]/i.exec(rest);
  if (page) {
    meta.page = Number(page[1] ?? page[2]);
    rest = cut(rest, { index: page.index, length: page[0].length });
  }
  const edition = /(?:^|[-_\s])(ed|edition)[-_]?(\w+)(?=$|[-_\s])/i.exec(rest);
  if (edition) {
    meta.edition = edition[2];
    rest = cut(rest, { index: edition.index, length: edition[0].length });
  }
  // Only a name that also carried a date or a page reads as "newspaper-date-page": "huge-50mb.pdf" names no newspaper.
  if (!date && !page) return meta;
  const words = rest.split(/[-_\s]+/).filter(Boolean);
  // A hash-like remainder (e.g. "000_c995828efad2e200") names no newspaper.
  const meaningful = words.filter((w) => !/^[0-9a-f]{8,}$/i.test(w) && !/^\d+$/.test(w));
  meta.newspaper = meaningful.map((w) => (/^[a-z]/.test(w) ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
  return meta;
}

/**
 * Newspaper, date and page from a PDF's Title as digitization programmes
 * write it. The newspaper is what stands before the date, without a trailing
 * run of years ("1874-1931,") or an ellipsis; "[p 3]" or "Image 3" is the page.
 */
export function metadataFromPdfTitle(title: string): Partial<DocumentMetadata> {
  const t = title.replace(/\s+/g, ' ').trim();
  const date = findDate(t);
  if (!date) return {};
  const out: Partial<DocumentMetadata> = { date: date.date };
  const before = t
    .slice(0, date.index)
    .replace(/(?:[,;:…]|\.\.\.|\s)+$/u, '')
    .replace(/\s*\d{4}\s*[-–]\s*(?:\d{4}|current)?\s*[,;]?$/i, '')
    .replace(/(?:[,;:…]|\.\.\.|\s)+$/u, '')
    .trim();
  if (before) out.newspaper = before;
  const page = /\[p\.?\s*(\d{1,4})\s*\]|\bimage\s+(\d{1,4})\b|\bpage\s+(\d{1,4})\b/i.exec(t.slice(date.index + date.length));
  if (page) out.page = Number(page[1] ?? page[2] ?? page[3]);
  return out;
}

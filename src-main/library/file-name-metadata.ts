import { isIsoDate } from '../../core/iso-date.ts';
import type { DocumentMetadata } from '../../core/library-model.ts';

/**
 * Guesses newspaper, date and page from names archives really use, such as
 * "evening-star-1859-02-21-p7.pdf" or "永康日报_2021-01-15_第3版.pdf".
 * Anything it cannot read stays empty; the archivist can edit it later.
 */
export function metadataFromFileName(fileName: string): DocumentMetadata {
  const stem = fileName.replace(/\.[^.]+$/, '');
  const meta: DocumentMetadata = { newspaper: '', date: '', page: null, edition: '', title: '', language: '' };
  let rest = stem;

  const date = /(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)/.exec(rest);
  // Only a day that exists: "1865-02-30" in a name is no date (the contract would refuse it later).
  if (date && isIsoDate(`${date[1]}-${date[2]}-${date[3]}`)) {
    meta.date = `${date[1]}-${date[2]}-${date[3]}`;
    rest = rest.slice(0, date.index) + ' ' + rest.slice(date.index + date[0].length);
  }
  const page = /(?:^|[-_\s])(?:p|page|pg|seq)[-_]?(\d{1,4})(?=$|[-_\s])|第(\d{1,4})[版页]/i.exec(rest);
  if (page) {
    meta.page = Number(page[1] ?? page[2]);
    rest = rest.slice(0, page.index) + ' ' + rest.slice(page.index + page[0].length);
  }
  const edition = /(?:^|[-_\s])(ed|edition)[-_]?(\w+)(?=$|[-_\s])/i.exec(rest);
  if (edition) {
    meta.edition = edition[2];
    rest = rest.slice(0, edition.index) + ' ' + rest.slice(edition.index + edition[0].length);
  }
  const words = rest.split(/[-_\s]+/).filter(Boolean);
  // A hash-like remainder (e.g. "000_c995828efad2e200") names no newspaper.
  const meaningful = words.filter((w) => !/^[0-9a-f]{8,}$/i.test(w) && !/^\d+$/.test(w));
  meta.newspaper = meaningful.map((w) => (/^[a-z]/.test(w) ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
  return meta;
}

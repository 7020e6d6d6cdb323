import type { Annotation } from './annotation.ts';
import type { ArticleText } from './article.ts';

/**
 * Plain exports for people and spreadsheets: notes as CSV (RFC 4180), an
 * article with its notes as Markdown or plain text.
 */

export const CSV_COLUMNS = ['id', 'document', 'newspaper', 'date', 'page', 'quote', 'note', 'tags', 'colour', 'creator', 'created', 'modified', 'pageNewspaper'] as const;

/** RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface CsvDocInfo {
  fileName: string;
  /** The title's one name, as the library and the app show it (core/newspaper-titles.ts). */
  newspaper: string;
  /** This page's own spelling (its METS, PDF title or file name): the last column, so the others keep their places. */
  pageNewspaper?: string;
  date: string;
}

export function annotationsCsv(annotations: readonly Annotation[], docs: ReadonlyMap<string, CsvDocInfo>): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const a of annotations) {
    const t = a.targets[0];
    const doc = docs.get(t.docId);
    const quote = a.targets.map((x) => x.text?.exact ?? '').filter(Boolean).join(' … ');
    rows.push(
      [a.id, doc?.fileName ?? t.docId, doc?.newspaper ?? '', doc?.date ?? '', t.page, quote, a.note, a.tags.join('; '), a.colour, a.creator, a.created, a.modified, doc?.pageNewspaper ?? doc?.newspaper ?? ''].map(csvField).join(','),
    );
  }
  return rows.join('\r\n') + '\r\n';
}

function quoteOf(a: Annotation): string {
  return a.targets.map((t) => t.text?.exact ?? '').filter(Boolean).join(' … ');
}

/** `# Title`, the article's text paragraph by paragraph, then its notes. */
export function articleMarkdown(article: ArticleText, notes: readonly Annotation[]): string {
  const out = [`# ${article.title.replace(/\n/g, ' ')}`, ''];
  for (const b of article.blocks) out.push(b.missing ? `*[missing block ${b.blockId} of page ${b.page}]*` : b.text, '');
  if (notes.length) {
    out.push('## Notes', '');
    for (const a of notes) {
      const quote = quoteOf(a);
      const whole = a.targets.length === article.parts.length && a.targets.length > 1;
      out.push(`- ${whole ? '**Whole article**' : quote ? `> ${quote.replace(/\n/g, ' ')}` : '*area of the page*'}`);
      if (a.tags.length) out.push(`  Tags: ${a.tags.join(', ')}`);
      if (a.note) out.push(...a.note.split('\n').map((l) => `  ${l}`));
      out.push(`  — ${a.creator || 'unknown'}, ${a.modified}`, '');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

export function articlePlainText(article: ArticleText, notes: readonly Annotation[]): string {
  const out = [article.title, '='.repeat(Math.max(3, [...article.title].length)), '', article.text, ''];
  if (notes.length) {
    out.push('Notes', '-----', '');
    for (const a of notes) {
      const quote = quoteOf(a);
      out.push(`* ${quote ? `"${quote.replace(/\n/g, ' ')}"` : 'whole article'}${a.tags.length ? ` [${a.tags.join(', ')}]` : ''}`);
      if (a.note) out.push(...a.note.split('\n').map((l) => `  ${l}`));
      out.push('');
    }
  }
  return out.join('\n').replace(/\n+$/, '\n');
}

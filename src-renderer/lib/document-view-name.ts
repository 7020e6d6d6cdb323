import type { DocumentSummary } from '../../core/library-model.ts';

/**
 * The reader's landmark name for a document: its newspaper, date and title as far as they are known, else its file
 * name. An undated file with no newspaper and no title (a typeset CJK page) gave the main landmark an empty name.
 */
export function documentViewName(doc: Pick<DocumentSummary, 'date' | 'title' | 'fileName'>, newspaper: string): string {
  return [newspaper, doc.date, doc.title].map((part) => part.trim()).filter(Boolean).join(' ') || doc.fileName;
}

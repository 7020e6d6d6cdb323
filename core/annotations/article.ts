import { z } from 'zod';

/**
 * An article: blocks the archivist groups under a title, in reading order,
 * across columns and pages (and across files: "continued on page 3" is often
 * another PDF). It reads as one text, takes annotations as a whole, and
 * exports as Markdown with its notes.
 */

export const articlePartSchema = z
  .object({
    docId: z.string().regex(/^[a-f0-9]{64}$/),
    page: z.number().int().min(1).max(100000),
    blockId: z.string().regex(/^p\d+b\d+$/, 'expected a block id like p1b4'),
  })
  .strict();
export type ArticlePart = z.infer<typeof articlePartSchema>;

export interface Article {
  id: string;
  title: string;
  parts: ArticlePart[];
  created: string;
  modified: string;
}

/** An article with its text read from the library (corrections applied). */
export interface ArticleText extends Article {
  blocks: Array<ArticlePart & { text: string; missing?: true }>;
  /** Blocks joined by a blank line. */
  text: string;
}

export const samePart = (a: ArticlePart, b: ArticlePart) => a.docId === b.docId && a.page === b.page && a.blockId === b.blockId;

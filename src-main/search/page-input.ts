import { rawText, type PageModel } from '../../core/page-model.ts';
import type { IndexPageInput } from './search-index.ts';

/** What the index stores of a page: its cleaned blocks and its raw text. */
export function pageInput(page: PageModel): IndexPageInput {
  return { number: page.number, blocks: page.blocks.map((b) => ({ id: b.id, kind: b.kind, text: b.text })), raw: rawText(page.items) };
}

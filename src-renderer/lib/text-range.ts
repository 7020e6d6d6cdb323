import type { Block } from '../../core/page-model.ts';
import { blockSpans, blockStarts } from '../../core/page-text.ts';

/**
 * Offsets in the page text (core/page-text.ts) for what the reader selected
 * in the cleaned panel, and DOM ranges back from page-text offsets. Each
 * block's text is the single text node of its `.block-text` element.
 */

function blockTextNode(body: HTMLElement, blockId: string): Text | null {
  const node = body.querySelector(`[data-block-id="${CSS.escape(blockId)}"] .block-text`)?.firstChild;
  return node instanceof Text ? node : null;
}

/** The page-text range of the document selection inside `body`, or null. */
export function selectionRange(body: HTMLElement, blocks: readonly Block[]): { start: number; end: number } | null {
  const sel = document.getSelection();
  if (!sel || sel.isCollapsed || sel.rangeCount === 0) return null;
  const range = sel.getRangeAt(0);
  if (!range.intersectsNode(body)) return null;
  const starts = blockStarts(blocks);
  let start = -1;
  let end = -1;
  blocks.forEach((b, i) => {
    const node = blockTextNode(body, b.id);
    if (!node || !range.intersectsNode(node)) return;
    const s = range.startContainer === node ? range.startOffset : 0;
    const e = range.endContainer === node ? range.endOffset : b.text.length;
    if (e <= s) return;
    if (start < 0) start = starts[i] + s;
    end = starts[i] + e;
  });
  return start >= 0 && end > start ? { start, end } : null;
}

/** The page-text range of a whole block. */
export function blockRange(blocks: readonly Block[], blockId: string): { start: number; end: number } | null {
  const i = blocks.findIndex((b) => b.id === blockId);
  if (i < 0) return null;
  const start = blockStarts(blocks)[i];
  return { start, end: start + blocks[i].text.length };
}

/** Id of the block holding page-text offset `at`. */
export function blockAtOffset(blocks: readonly Block[], at: number): string | null {
  const span = blockSpans(blocks, at, at + 1)[0];
  return span ? blocks[span.block].id : null;
}

/** DOM ranges covering [start, end) of the page text, one per block it touches. */
export function domRanges(body: HTMLElement, blocks: readonly Block[], start: number, end: number): Range[] {
  const out: Range[] = [];
  for (const span of blockSpans(blocks, start, end)) {
    const node = blockTextNode(body, blocks[span.block].id);
    if (!node) continue;
    const r = document.createRange();
    r.setStart(node, Math.min(span.start, node.length));
    r.setEnd(node, Math.min(span.end, node.length));
    out.push(r);
  }
  return out;
}

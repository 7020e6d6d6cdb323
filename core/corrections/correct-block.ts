// The character diff alone: the package's index loads every diff it has (words, lines, JSON, patches; ~30 ms of
// CPU in each thread that loads this, the import's main thread and every extraction worker, through page-view-codec.ts).
import { diffChars } from 'diff/lib/diff/character.js';
import type { Block, CharSource } from '../page-model.ts';

/**
 * Corrections replace a cleaned block's text; the raw layer and the stored
 * cleaned layer never change. The corrected block keeps the offset map for
 * every character the archivist left alone, so highlights, search hits and
 * annotations on those characters still land on the page; typed characters
 * map to [-1, -1] (inserted, no box), like the spaces cleaning inserts.
 */

export interface CorrectionRecord {
  /** Order of the change in the library (ever increasing). */
  seq: number;
  docId: string;
  page: number;
  blockId: string;
  text: string;
  author: string;
  reason: string;
  /** ISO 8601. */
  created: string;
}

/** A stretch of a diff between two versions of a block. */
export interface DiffPart {
  text: string;
  op: 'same' | 'added' | 'removed';
}

export function diffText(before: string, after: string): DiffPart[] {
  return diffChars(before, after).map((p) => ({ text: p.value, op: p.added ? 'added' : p.removed ? 'removed' : 'same' }));
}

/** The block with `text` in place of its cleaned text, its map carried through the diff. */
export function correctBlock(block: Block, text: string): Block {
  if (text === block.text) return block;
  const map: CharSource[] = [];
  let at = 0;
  for (const part of diffChars(block.text, text)) {
    if (part.removed) at += part.value.length;
    else if (part.added) for (let i = 0; i < part.value.length; i++) map.push([-1, -1]);
    else {
      for (let i = 0; i < part.value.length; i++) map.push(block.map[at + i] ?? [-1, -1]);
      at += part.value.length;
    }
  }
  return { ...block, text, map, corrected: true };
}

/** Blocks as the reader sees them: each block's latest correction applied. */
export function correctBlocks(blocks: readonly Block[], latest: ReadonlyMap<string, string>): Block[] {
  return blocks.map((b) => {
    const text = latest.get(b.id);
    return text === undefined ? b : correctBlock(b, text);
  });
}

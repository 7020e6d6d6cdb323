import { TextDumpPager } from '../../core/cleaning/text-dump-pager.ts';
import { textDumpToRawPage } from '../../core/cleaning/text-page.ts';
import type { RawPage } from '../../core/page-model.ts';

/** Bytes decoded per step: the decoded text of one step is the most a dump holds beyond its current page. */
const DECODE_BYTES = 1 << 20;

/**
 * The raw pages of a UTF-8 text dump, decoded and split as they go, so memory
 * stays bounded by one page whatever the dump's size. Invalid UTF-8 throws
 * "not UTF-8 text".
 */
export function* textDumpRawPages(data: Uint8Array): Generator<RawPage> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const pager = new TextDumpPager();
  let number = 0;
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new Error('not UTF-8 text');
    }
  };
  for (let at = 0; at < data.length; at += DECODE_BYTES) {
    for (const text of pager.push(decode(data.subarray(at, at + DECODE_BYTES)))) yield textDumpToRawPage(text, ++number);
  }
  for (const text of [...pager.push(decode()), ...pager.end()]) yield textDumpToRawPage(text, ++number);
}

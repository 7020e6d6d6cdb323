import { describe, expect, it } from 'vitest';
import { cleanPage } from '../cleaning/clean-page.ts';
import type { RawItem } from '../page-model.ts';
import { page, PAGE_H, provenanceProblems } from '../../test-support/synthetic-page.ts';

type Box = [x0: number, top: number, x1: number, bottom: number];

/** OCR lines as the text layer draws them: words with spaces between, an end of line after the last. */
function ocrLines(lines: Array<Array<[string, Box]>>): RawItem[] {
  const out: RawItem[] = [];
  for (const words of lines)
    words.forEach(([str, r], k) => {
      const size = r[3] - r[1];
      const last = k === words.length - 1;
      out.push({ str, font: 'f', size, transform: [size, 0, 0, size, r[0], PAGE_H - r[3]], rect: r, eol: false });
      out.push({ str: last ? '' : ' ', font: 'f', size, transform: [size, 0, 0, size, r[2], PAGE_H - r[3]], rect: [r[2], r[1], last ? r[2] : words[k + 1][1][0], r[3]], eol: last });
    });
  return out;
}

describe('OCR word boxes taller than their line', () => {
  it('neither pull the next line up into theirs nor make a body line a subhead', () => {
    // From the 1918 Evening Star sample ("Delay Costly to District."): "^federal" and "^Rvas" are boxed
    // 18.4 pt tall in 8.4 pt body text, reaching down to the next line's baseline.
    const items = ocrLines([
      [['The', [27.1, 1296.0, 41.5, 1304.4]], ['delay', [45.6, 1295.8, 65.3, 1305.4]], ['in', [69.4, 1296.0, 76.1, 1304.4]], ['the', [79.9, 1295.9, 91.4, 1304.7]], ['passage', [95.3, 1297.4, 125.0, 1305.8]], ['of', [129.1, 1296.2, 136.8, 1305.0]], ['the', [140.4, 1296.7, 152.2, 1305.1]], ['Dis-', [156.0, 1296.6, 171.4, 1305.4]]],
      [['trict', [21.6, 1304.4, 38, 1312.8]], ['bill', [41, 1304.4, 54.7, 1312.8]], ['will', [58.3, 1303.8, 72.7, 1314.2]], ['cost', [76.3, 1305.0, 91.0, 1312.6]], ['the', [94.8, 1304.3, 107, 1313.1]], ['District', [110, 1304.3, 139.4, 1313.1]], ['and', [143.0, 1304.9, 156, 1313.3]], ['the', [159, 1304.9, 172.1, 1313.3]]],
      [['^federal', [11.5, 1308.4, 48.2, 1326.8]], ['government,', [54.7, 1313.5, 102.0, 1321.9]], ['half', [110.2, 1312.7, 125.3, 1321.5]], ['and', [133.0, 1313.3, 146.4, 1321.7]], ['half.', [154.6, 1313.1, 171.4, 1322.3]]],
      [["H't'out", [11.8, 1317.3, 43.4, 1330.9]], ['a', [47.0, 1322.6, 50.9, 1328.6]], ['quarter', [54.5, 1320.8, 83.0, 1330.0]], ['of', [86.4, 1320.8, 93.6, 1328.8]], ['a', [97.0, 1322.6, 100.8, 1328.6]], ['million', [104.2, 1321.5, 130.8, 1329.5]], ['dollars,', [134.6, 1321.1, 162.7, 1331.1]], ['it', [166.8, 1322.0, 172.1, 1330.0]]],
      [['^Rvas', [12.0, 1324.7, 36.7, 1343.1]], ['learned', [40.8, 1329.2, 68.6, 1337.2]], ['yesterday.', [72.7, 1328.9, 111.1, 1338.5]], ['This', [117.6, 1329.7, 133.9, 1337.7]], ['is', [138.2, 1330.2, 143.8, 1337.8]], ['due', [147.8, 1330.1, 160.8, 1338.5]], ['to', [164.9, 1330.8, 171.8, 1338.0]]],
      [['the', [21.6, 1337.3, 33.8, 1345.7]], ['fact', [40.1, 1337.4, 54.0, 1345.4]], ['that', [60.7, 1337.4, 75.8, 1345.4]], ['bids', [82.3, 1337.6, 97.2, 1345.6]], ['for', [103.4, 1337.8, 114.5, 1345.8]], ['material', [120.0, 1338.3, 151.9, 1346.3]], ['and', [158.2, 1338.6, 171.6, 1346.6]]],
    ]);
    const p = page(items);
    const cleaned = cleanPage(p);
    expect(cleaned.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', "The delay in the passage of the District bill will cost the District and the ^federal government, half and half. H't'out a quarter of a million dollars, it ^Rvas learned yesterday. This is due to the fact that bids for material and"],
    ]);
    expect(provenanceProblems(p, cleaned)).toEqual([]);
  });
});

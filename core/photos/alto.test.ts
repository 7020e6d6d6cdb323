import { describe, expect, it } from 'vitest';
import { altoIllustrations, marksIllustrations } from './alto.ts';

const ALTO = `<?xml version="1.0"?>
<alto xmlns="http://www.loc.gov/standards/alto/ns-v2#"><Layout>
<Page ID="PAGE1" HEIGHT="27768" WIDTH="21188"><PrintSpace>
<TextBlock ID="B1" HPOS="10" VPOS="10" WIDTH="100" HEIGHT="100"/>
<Illustration ID="I1" HPOS="5500" VPOS="2450" WIDTH="7665" HEIGHT="6750"/>
<GraphicalElement ID="G1" HPOS="0" VPOS="12000" WIDTH="21188" HEIGHT="20"/>
</PrintSpace></Page>
<Page ID="PAGE2" HEIGHT="1000" WIDTH="500"><PrintSpace><Illustration HPOS="bad" VPOS="0" WIDTH="1" HEIGHT="1"/></PrintSpace></Page>
</Layout></alto>`;

describe('altoIllustrations', () => {
  it('scales ALTO shapes to PDF points through the page sizes', () => {
    const [page1, page2] = altoIllustrations(ALTO, () => ({ width: 1271.28, height: 1666.08 }));
    // 1/1200 inch → points: × 72/1200.
    expect(page1[0]).toEqual([330, 147, 789.9, 552]);
    expect(page1).toHaveLength(2);
    expect(page2).toEqual([]);
  });

  it('yields nothing for a page it has no size for, or XML without pages', () => {
    expect(altoIllustrations(ALTO, () => null)).toEqual([[], []]);
    expect(altoIllustrations('<alto/>', () => ({ width: 1, height: 1 }))).toEqual([]);
  });
});

describe('marksIllustrations', () => {
  it('sees an Illustration or a GraphicalElement, prefixed or not, and nothing in an ALTO of text alone', () => {
    expect(marksIllustrations(ALTO)).toBe(true);
    expect(marksIllustrations('<alto:alto><alto:Page><alto:GraphicalElement ID="G1"/></alto:Page></alto:alto>')).toBe(true);
    expect(marksIllustrations('<alto><Page><TextBlock><TextLine><String CONTENT="Illustration"/></TextLine></TextBlock></Page></alto>')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { classifyBlocks, type KindInput } from './block-kinds.ts';

const BODY = 10.5;
const block = (text: string, rect: [number, number, number, number], size: number, lineCount = 1): KindInput => ({ text, rect, size, lineCount });

describe('classifyBlocks', () => {
  const headline = block('大陈村职工活动中心焕发新活力', [141, 48, 701, 88], 40);
  const deck = block('区域职工共享运动设施 一组组数据见证改革成效', [208, 104, 634, 124], 20);
  const lead = block('社区基层周末职工、创新工作党员、基层图书馆家庭。医疗老人资金公园工作，显著持续免费措施落实委员，开展方便家庭体育设施。一组组数据显示，2020年该村集体收入达到668.5万元。', [48, 148, 794, 180], 13, 2);
  const body = (top: number, x = 40) => block('晚上党员公园增长活动持续。建设环境有效满意代表组织。', [x, top, x + 143, top + 44], BODY, 3);

  it('types a large line right under a larger headline as its deck, and a long mid-size intro as a paragraph', () => {
    expect(classifyBlocks([headline, deck, lead, body(232)], BODY, [])).toEqual(['headline', 'subhead', 'paragraph', 'paragraph']);
  });

  it('keeps a second story headline a headline when no larger one sits over it', () => {
    const second = block('乡村振兴路上的幸福工会', [300, 600, 600, 630], 24);
    expect(classifyBlocks([headline, second, body(640)], BODY, [])).toEqual(['headline', 'headline', 'paragraph']);
  });

  it('keeps a short mid-size line a subhead', () => {
    expect(classifyBlocks([block('一组组数据见证改革成效', [40, 200, 300, 214], 14), body(220)], BODY, [])).toEqual(['subhead', 'paragraph']);
  });

  it('finds a caption under the empty area of a picture on a scan, but not small text in running columns', () => {
    const caption = block('志愿者为老人介绍健康知识。', [195, 1138, 312, 1147], 9);
    const above = body(960, 195);
    expect(classifyBlocks([above, caption], BODY, [])).toEqual(['paragraph', 'caption']);
    const note = block('（本报综合消息）', [195, 1010, 305, 1019], 9);
    expect(classifyBlocks([above, note, body(1025, 195)], BODY, [])[1]).toBe('paragraph');
  });

  it('does not make a heading of one word with a tall OCR box on a body line, nor of a speck', () => {
    // From the 1918 LoC page: "bill" split off its line with a 10 pt box (body 8.6), "rapidly" with a 17 pt one.
    const left = block('the committee passed the', [40, 100, 130, 110], BODY);
    const bill = block('bill', [136, 98, 150, 111], 13);
    const rapidly = block('rapidly', [136, 130, 168, 148], 20);
    const beside = block('and the bill went', [40, 135, 130, 145], BODY);
    const kinds = classifyBlocks([left, bill, beside, rapidly, block('!', [300, 100, 302, 120], 20), block('**-2', [300, 200, 330, 220], 22), body(400)], BODY, []);
    expect(kinds).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph', 'other', 'other', 'paragraph']);
  });

  it('keeps a short heading that is clearly larger and alone on its line, even with other columns beside it', () => {
    const labor = block('Labor Day', [672, 1534, 760, 1564], 29);
    const otherColumn = block('at', [628, 1540, 635, 1547], 7);
    const under = block('The Star will be issued tomorrow at 1 o\'clock, and its news read in every house.', [655, 1566, 779, 1600], BODY, 3);
    expect(classifyBlocks([otherColumn, labor, under], BODY, [])).toEqual(['other', 'headline', 'paragraph']);
    // Alone but barely larger than body text: a bold word, not a heading.
    expect(classifyBlocks([block('Capitals.', [300, 80, 340, 92], 12.5), under], BODY, [])[0]).toBe('paragraph');
  });
});

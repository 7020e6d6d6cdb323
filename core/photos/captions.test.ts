import { describe, expect, it } from 'vitest';
import type { BlockKind, Rect } from '../page-model.ts';
import { assignCaptions, retypeCaptions, type CaptionCandidate } from './captions.ts';

const BODY = 10.5;
const block = (text: string, rect: Rect, size = BODY, lineCount = 1): CaptionCandidate => ({ text, rect, size, lineCount });

describe('assignCaptions', () => {
  const photo: Rect = [200, 300, 340, 420];

  it('gives a photo the small text right under it', () => {
    const blocks = [block('正文'.repeat(60), [200, 100, 340, 290], BODY, 12), block('志愿者为老人介绍健康知识', [200, 425, 320, 434], 9)];
    expect(assignCaptions([photo], blocks, ['paragraph', 'paragraph'], BODY)).toEqual([1]);
  });

  it('never takes a line of a column flowing past the photo for its caption', () => {
    // The column continues under the photo in body size: its first line is close, but it is part of a column.
    const blocks = [block('工作岗位培训技能收入增长。', [200, 424, 340, 434.5]), block('计划目标措施政策落实成效', [200, 441, 340, 451.5]), block('显著积极主动参与组织开展', [200, 457.8, 340, 468.3])];
    expect(assignCaptions([photo], blocks, ['caption', 'paragraph', 'paragraph'], BODY)).toEqual([-1]);
    expect(retypeCaptions(['caption', 'paragraph', 'paragraph'], blocks, [-1])).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });

  it('never splits a paragraph that flows around a photo set into its column', () => {
    // Body size, two lines, alone above the photo: but it stops mid-sentence and the column goes on below the photo.
    const photo: Rect = [40, 150, 240, 250];
    const above = block('The crowd gathered before noon. A reporter wrote that “the war is over.” The people —', [40, 109, 243, 133], 10, 2);
    const below = block('tired, hungry and cold — sang the old songs until dark, and the band played ‘Home Again’ twice.', [40, 259, 242, 335], 10, 6);
    expect(assignCaptions([photo], [above, below], ['paragraph', 'paragraph'], 10)).toEqual([-1]);
  });

  it('still takes a body-size caption under a photo whose column reads on past it', () => {
    // The column above the photo stops mid-sentence, but the line under the photo starts its own sentence: a caption.
    const photo: Rect = [40, 150, 240, 250];
    const column = block('The crowd gathered before noon and stayed until the band', [40, 109, 240, 146], 10, 3);
    const caption = block('The square at noon, from the roof of the town hall', [40, 254, 240, 264], 10, 1);
    expect(assignCaptions([photo], [column, caption], ['paragraph', 'paragraph'], 10)).toEqual([1]);
  });

  it('matches each caption of a strip to the photo above it', () => {
    const photos: Rect[] = [
      [40, 96, 337, 246],
      [349, 96, 492, 246],
      [504, 96, 802, 246],
    ];
    const caps = [block('图书馆周末举办文化活动', [40, 251, 139, 260], 9), block('社区志愿者为老人介绍健康知识', [349, 251, 475, 260], 9), block('大陈村职工在活动中心打乒乓球', [504, 251, 630, 260], 9)];
    const kinds: BlockKind[] = ['caption', 'caption', 'caption'];
    expect(assignCaptions(photos, caps, kinds, BODY)).toEqual([0, 1, 2]);
  });

  it('does not caption a photo with a byline or a long paragraph under it', () => {
    const blocks = [block('□记者 王小明', [200, 425, 270, 435.5]), block('长'.repeat(200), [200, 440, 340, 600], 9, 14)];
    expect(assignCaptions([photo], blocks, ['byline', 'paragraph'], BODY)).toEqual([-1]);
  });
});

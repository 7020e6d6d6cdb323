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

import { describe, expect, it } from 'vitest';
import type { Block, Photo } from '../page-model.ts';
import { linkPhotos, rankParagraphs, type LinkPage } from './link-photos.ts';

type B = Pick<Block, 'id' | 'kind' | 'text' | 'rects'>;
const para = (id: string, text: string, y: number): B => ({ id, kind: 'paragraph', text, rects: [[40, y, 180, y + 100]] });

const caption: B = { id: 'p1b0', kind: 'caption', text: '三锋实业股份有限公司成为浙江产业工人队伍建设改革试点单位', rects: [[400, 260, 600, 270]] };
const photo: Photo = { id: 'p1i0', rect: [400, 100, 600, 255], caption: 'p1b0', links: [] };

describe('linkPhotos', () => {
  // Right next to the photo: a decoy that shares the company's name. Far away (page 2): the story.
  const page1: LinkPage = {
    number: 1,
    width: 842,
    height: 1191,
    photos: [photo],
    blocks: [caption, para('p1b1', '三锋实业股份有限公司今年新建了职工食堂，员工吃饭更方便了。', 120), para('p1b2', '市总工会开展夏日送清凉活动，慰问高温下坚守岗位的职工。', 300)],
  };
  const page2: LinkPage = {
    number: 2,
    width: 842,
    height: 1191,
    photos: [],
    blocks: [para('p2b0', '日前，三锋实业被确定为浙江省产业工人队伍建设改革试点单位，公司将以此为契机推进改革。', 900), para('p2b1', '职工工间操比赛在体育馆举行，共有十二支队伍参加。', 1000)],
  };

  it('ranks the story above a nearby decoy that shares only the company name', () => {
    const [[linked]] = linkPhotos([page1, page2]);
    expect(linked.links[0].block).toBe('p2b0');
    expect(linked.links.map((l) => l.block)).not.toContain('p1b1');
    expect(linked.links[0].score).toBeGreaterThan(0.5);
    const all = rankParagraphs([page1, page2], photo, 1);
    const decoy = all.find((l) => l.block === 'p1b1')!;
    console.log(`story ${all[0].score} vs decoy ${decoy.score}`);
    expect(decoy.score).toBeLessThan(all[0].score - 0.2);
  });

  it('always keeps the best link, and orders links best first', () => {
    const weak: Photo = { ...photo, id: 'p1i1', caption: 'p1b9' };
    const page: LinkPage = { ...page1, photos: [weak], blocks: [...page1.blocks, { id: 'p1b9', kind: 'caption', text: '职工食堂', rects: [[0, 0, 1, 1]] }] };
    const [[linked]] = linkPhotos([page]);
    expect(linked.links[0].block).toBe('p1b1');
    const scores = linked.links.map((l) => l.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('links an uncaptioned photo to the nearest paragraph, weakly', () => {
    const bare: Photo = { ...photo, caption: null, rect: [40, 310, 180, 380] };
    const [[linked]] = linkPhotos([{ ...page1, photos: [bare] }]);
    expect(linked.links).toHaveLength(1);
    expect(linked.links[0].block).toBe('p1b2');
    expect(linked.links[0].score).toBeLessThanOrEqual(0.15);
  });
});

/**
 * Linking on the real reference page (the seed dump): its captions, matched
 * against its own paragraphs. The seed has no geometry, so this measures the
 * caption-similarity half of the linker alone. Which paragraph each caption
 * illustrates was judged by reading the page; a caption may have two fitting
 * paragraphs, given by their openings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cleanPage } from '../cleaning/clean-page.ts';
import { textDumpToRawPage } from '../cleaning/text-page.ts';
import { linkPhotos } from './link-photos.ts';

const SEED = '/work/shared/seed/000_c995828efad2e200.txt';
if (!existsSync(SEED)) console.log(`skipping seed-page linking: ${SEED} is absent`);

const ILLUSTRATES: Record<string, string[]> = {
  三锋实业股份有限公司成为浙江产业工人队伍建设改革试点单位: ['据悉，我市三锋实业', '2020年9月17日，我省召开'],
  市领导夏日送清凉: ['春风送岗位、夏季送清凉'],
  我市承办浙江省模具工职业技能竞赛: ['2020 年市总工会首次承办'],
  市总工会指导企业复工复产: ['市总工会助力抗击疫情、复工复产', '关心关爱企业、职工'],
  职工工间操比赛: ['五年来，我市连续举办'],
  // No paragraph mentions the New Year's dinner; the one about the new residents of Yongkang is the nearest.
  新永康人年夜饭: ['新永康人在城市建设中'],
  哈尔斯职工子女夏令营: ['春风送岗位、夏季送清凉'],
  获评全国工会爱心托管班: ['春风送岗位、夏季送清凉'],
  千名一线职工免费疗休养启动仪式: ['每年组织千名一线优秀职工', '每年，市总工会在开展千名职工'],
};

describe.skipIf(!existsSync(SEED))('linking the seed page captions to its paragraphs', () => {
  it('ranks a fitting paragraph first for most captions (measured)', () => {
    const page = cleanPage(textDumpToRawPage(readFileSync(SEED, 'utf8')));
    // Cleaning a dump makes one photo per caption (placed nowhere); linking needs the whole document.
    expect(page.photos.length).toBe(page.blocks.filter((b) => b.kind === 'caption').length);
    const [linked] = linkPhotos([{ number: 1, width: 0, height: 0, blocks: page.blocks, photos: page.photos }]);
    const text = new Map(page.blocks.map((b) => [b.id, b.text]));
    let right = 0;
    let judged = 0;
    const report: string[] = [];
    for (const ph of linked) {
      const caption = text.get(ph.caption!)!;
      // A caption line the text dump ran together with the next counts for both.
      const keys = Object.keys(ILLUSTRATES).filter((k) => caption.includes(k));
      const fits = keys.flatMap((k) => ILLUSTRATES[k]);
      const top = text.get(ph.links[0]?.block ?? '') ?? '';
      judged++;
      const ok = fits.some((f) => top.startsWith(f));
      if (ok) right++;
      report.push(`${ok ? '✓' : '✗'} ${caption} → ${ph.links.map((l) => `${l.block} ${l.score}`).join(', ')} «${top.slice(0, 16)}…»`);
    }
    console.log(`seed page: top link fits for ${right}/${judged} captions\n  ${report.join('\n  ')}`);
    expect(judged).toBeGreaterThanOrEqual(8);
    expect(right / judged).toBeGreaterThanOrEqual(0.8);
  });
});

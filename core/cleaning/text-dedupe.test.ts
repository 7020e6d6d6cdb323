import { describe, expect, it } from 'vitest';
import { dedupeLine, segmentLine, type DedupedLine } from './text-dedupe.ts';

/** kept + removed must tile the line exactly, and `text`/`source` must agree with `kept`. */
function expectCoverage(line: string, d: DedupedLine): void {
  const spans = [...d.kept.map(([start, end]) => ({ start, end })), ...d.removed].sort((a, b) => a.start - b.start);
  let at = 0;
  for (const s of spans) {
    expect(s.start).toBe(at);
    expect(s.end).toBeGreaterThan(s.start);
    at = s.end;
  }
  expect(at).toBe(line.length);
  expect(d.kept.map(([a, b]) => line.slice(a, b)).join('')).toBe(d.text);
  expect(d.source.map((i) => line[i]).join('')).toBe(d.text);
}

function reasons(d: DedupedLine): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of d.removed) out[r.reason] = (out[r.reason] ?? 0) + 1;
  return out;
}

describe('dedupeLine: real reduplication in undoubled text survives', () => {
  for (const line of ['谢谢你常常来看我们', '我们研究研究再说', '谢谢', '常常', '研究研究', '大家好好学习天天向上', '他们一个个一行行走过来']) {
    it(`keeps "${line}"`, () => {
      for (const pageDoubled of [false, true]) {
        const d = dedupeLine(line, { pageDoubled });
        // A line made only of a reduplication is ambiguous on an overprinted page; with singles around it is not.
        if (pageDoubled && segmentLine(line).every((g) => g.kind === 'doubled')) continue;
        expect(d.text).toBe(line);
        expect(d.removed).toEqual([]);
        expectCoverage(line, d);
      }
    });
  }

  it('a line that is only "谢谢" is kept on a normal page but halved on an overprinted one', () => {
    expect(dedupeLine('谢谢').text).toBe('谢谢');
    expect(dedupeLine('谢谢', { pageDoubled: true }).text).toBe('谢');
  });
});

describe('dedupeLine: overprinted runs', () => {
  const cases: Array<[string, string]> = [
    ['来到大陈村职工活动中心来到大陈村职工活动中心，，你不禁你不禁', '来到大陈村职工活动中心，你不禁'],
    ['会帮帮团会帮帮团，，提供提供““菜单式菜单式””政策宣传解读政策宣传解读、、', '会帮帮团，提供“菜单式”政策宣传解读、'],
    ['台⋯⋯一组组数据台⋯⋯一组组数据，，如一行行如一行行', '台⋯⋯一组组数据，如一行行'],
    ['用一个个亮眼的成绩诠释着用一个个亮眼的成绩诠释着', '用一个个亮眼的成绩诠释着'],
    ['域职工活动中心已经成为响当当的工会域职工活动中心已经成为响当当的工会', '域职工活动中心已经成为响当当的工会'],
    ['———市总工会五年工作精彩回—市总工会五年工作精彩回眸眸', '——市总工会五年工作精彩回眸'],
    ['济损失济损失668668..55万元万元。。', '济损失668.5万元。'],
    ['的基础上的基础上，，20202020 年年，，市总工会又新建设市总工会又新建设', '的基础上，2020 年，市总工会又新建设'],
    ['1515 日日，，金华市总工会主席例会暨产业工金华市总工会主席例会暨产业工', '15 日，金华市总工会主席例会暨产业工'],
    ['爱心班爱心班”“”“小候鸟夏令营小候鸟夏令营”，”，惠及惠及 22..11 万余万余', '爱心班”“小候鸟夏令营”，惠及 2.1 万余'],
    ['签率达到签率达到 100100%%。。同时同时', '签率达到 100%。同时'],
    // Short runs at the line edges belong to the overprinted neighbours.
    ['为更好地提升职工的身体素质为更好地提升职工的身体素质，，该该', '为更好地提升职工的身体素质，该'],
    ['室室、、漫步机室漫步机室、、多功能室多功能室', '室、漫步机室、多功能室'],
    ['都都 品质活力永康品质活力永康””而努力奋斗而努力奋斗。。', '都 品质活力永康”而努力奋斗。'],
    ['开开。。', '开。'],
    ['助转移安置临时生活困难职工助转移安置临时生活困难职工1616人⋯⋯人⋯⋯', '助转移安置临时生活困难职工16人⋯⋯'],
    ['工复工工复工11万余人万余人；；', '工复工1万余人；'],
    ['𠮷野家𠮷野家，，好好', '𠮷野家，好'],
  ];
  for (const [raw, clean] of cases) {
    it(`"${raw}"`, () => {
      const d = dedupeLine(raw);
      expect(d.text).toBe(clean);
      expectCoverage(raw, d);
      expect(d.removed.every((r) => r.reason === 'overprint' || /^\s+$/.test(raw.slice(r.start, r.end)))).toBe(true);
    });
  }

  it('one overprint edit per doubled run, covering exactly the second copy', () => {
    const raw = '来到大陈村职工活动中心来到大陈村职工活动中心，，你不禁你不禁';
    const d = dedupeLine(raw);
    expect(d.removed).toEqual([
      { start: 11, end: 22, reason: 'overprint' },
      { start: 23, end: 24, reason: 'overprint' },
      { start: 27, end: 30, reason: 'overprint' },
    ]);
  });

  it('prefers the longest consistent run: 会帮帮团 ×2 is one run, not 帮 doubled', () => {
    const segs = segmentLine('会帮帮团会帮帮团');
    expect(segs).toEqual([{ kind: 'doubled', start: 0, len: 4, resolution: 'overprint' }]);
  });
});

describe('dedupeLine: mixed lines (some runs doubled, others drawn once)', () => {
  it('halves the doubled captions and keeps the single one whole', () => {
    const raw =
      '浙江产业工人队伍建设改革试点单位浙江产业工人队伍建设改革试点单位市领导夏日送清凉市领导夏日送清凉 我市承办浙江省模具工职业技能竞赛 市总工会指导企业复工复产市总工会指导企业复工复产 职工工间操比赛职工工间操比赛 新永康人年夜饭新永康人年夜饭';
    const d = dedupeLine(raw);
    expect(d.text).toBe('浙江产业工人队伍建设改革试点单位市领导夏日送清凉 我市承办浙江省模具工职业技能竞赛 市总工会指导企业复工复产 职工工间操比赛 新永康人年夜饭');
    expectCoverage(raw, d);
    expect(reasons(d)).toEqual({ overprint: 5 });
    expect(d.pieces.map((p) => [raw.slice(p.start, p.end), p.overprint])).toEqual([
      ['浙江产业工人队伍建设改革试点单位', true],
      ['市领导夏日送清凉', true],
      ['我市承办浙江省模具工职业技能竞赛', false],
      ['市总工会指导企业复工复产', true],
      ['职工工间操比赛', true],
      ['新永康人年夜饭', true],
    ]);
  });

  it('a reduplication right after a doubled run, inside undoubled text, is kept', () => {
    expect(dedupeLine('市领导送清凉市领导送清凉谢谢大家').text).toBe('市领导送清凉谢谢大家');
    expect(dedupeLine('获评全国工会爱心托管班获评全国工会爱心托管班千名一线职工免费疗休养启动仪式').text).toBe(
      '获评全国工会爱心托管班千名一线职工免费疗休养启动仪式',
    );
  });
});

describe('dedupeLine: spaces', () => {
  it('removes justification spaces between CJK characters of a letter-spaced line', () => {
    const raw = '起起 ，，为 职 工 挽 回 经 济 损 失为 职 工 挽 回 经 济 损 失';
    const d = dedupeLine(raw);
    expect(d.text).toBe('起，为职工挽回经济损失');
    expect(d.letterSpaced).toBe(true);
    expectCoverage(raw, d);
    // 1 space before "，" + 8 inside the kept copy; the copy's own spaces go with the copy.
    expect(reasons(d)).toEqual({ overprint: 3, 'justification-space': 9 });
  });

  it('removes a letter-spaced banner drawn once, and its leading space', () => {
    const raw = ' 热 烈 祝 贺 永 康 市 工 会 第 十 七 次 代 表 大 会 隆 重 召 开 ！';
    const d = dedupeLine(raw);
    expect(d.text).toBe('热烈祝贺永康市工会第十七次代表大会隆重召开！');
    expect(reasons(d)).toEqual({ whitespace: 1, 'justification-space': 21 });
    expectCoverage(raw, d);
  });

  it('keeps spaces next to digits, and a single phrase gap between CJK words', () => {
    expect(dedupeLine('在往年建设在往年建设 77 个职工区域活动中心个职工区域活动中心').text).toBe('在往年建设 7 个职工区域活动中心');
    expect(dedupeLine('□□记者记者 潘燕佳潘燕佳').text).toBe('□记者 潘燕佳');
    expect(dedupeLine('砥砺奋进五载路砥砺奋进五载路 改革创新敢担当改革创新敢担当').text).toBe('砥砺奋进五载路 改革创新敢担当');
  });

  it('trims edges and collapses runs of spaces', () => {
    const raw = '  2020   年  ';
    const d = dedupeLine(raw);
    expect(d.text).toBe('2020 年');
    expect(d.removed.map((r) => r.reason)).toEqual(['whitespace', 'whitespace', 'whitespace']);
    expectCoverage(raw, d);
  });

  it('whitespace is not undoubled text: "年年 年年" stays a run pair, not singles', () => {
    expect(dedupeLine('会会 ，，').text).toBe('会，');
  });
});

describe('segmentLine cost', () => {
  it('stays linear-ish on long repetitive lines (dot leaders, laughter)', () => {
    const t0 = performance.now();
    for (const line of ['·'.repeat(5000), '哈'.repeat(5000), 'ab'.repeat(3000)]) expectCoverage(line, dedupeLine(line));
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

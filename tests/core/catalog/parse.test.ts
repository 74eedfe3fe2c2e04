import { readFileSync } from 'fs';
import { join } from 'path';
import { defaultCatalog, parseCatalog, PLAN_OUTLINE_2023, resolveKeyDates } from '../../../src/core/catalog';

const seed = readFileSync(join(__dirname, '../../../src/data/plan-outline-2023.txt'), 'utf8');

describe('catalog of the 2023 plan outline', () => {
  const c = defaultCatalog();
  const byName = (name: string) => c.committees.find((x) => x.name === name)!.id;

  test('embedded text equals the shipped data file', () => {
    expect(PLAN_OUTLINE_2023).toBe(seed);
  });

  test('5 sections, 17 points, year 2023, no import problems', () => {
    expect(c.year).toBe(2023);
    expect(c.sections.map((s) => s.numeral)).toEqual(['一', '二', '三', '四', '五']);
    expect(c.sections.map((s) => s.pointNumbers)).toEqual([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12, 13], [14, 15, 16, 17]]);
    expect(c.points.map((p) => p.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    expect(c.issues).toEqual([]);
    expect(c.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  test('short titles are the words before the first 。', () => {
    expect(c.points[0].title).toBe('强化思想政治引领');
    expect(c.points[3].title).toBe('凝练决策咨询重点课题');
    expect(c.points[14].title).toBe('提升“老科协奖”和“全国老科技工作者日”影响力');
    expect(c.points[16].title).toBe('加强内部治理能力建设');
  });

  test('seven committees with the region placeholder', () => {
    expect(c.committees.map((x) => x.name)).toEqual([
      '党委', '决策咨询专委会', '科普与教育专委会', '人才与宣传工作专委会', '助力乡村振兴专委会', '企业技术创新专委会', '组织建设与服务专委会',
    ]);
    expect(c.committees[1].fullName).toBe('{{region}}老科协决策咨询专委会');
  });

  test('responsibilities, back-filled within the section', () => {
    const resp = (n: number) => c.points[n - 1].committeeIds;
    expect(resp(2)).toEqual([byName('决策咨询专委会')]);
    expect(c.points[1].responsibility).toBe('stated');
    for (const n of [4, 5]) {
      expect(resp(n)).toEqual([byName('决策咨询专委会')]);
      expect(c.points[n - 1].responsibility).toBe('inherited');
    }
    for (const n of [7, 8]) expect(resp(n)).toEqual([byName('科普与教育专委会')]);
    expect(resp(1)).toEqual([byName('党委')]);
    expect(resp(3)).toEqual([byName('党委')]);
    expect(resp(12)).toEqual([byName('企业技术创新专委会')]);
  });

  test('point 15 keeps which measure belongs to which committee', () => {
    const p15 = c.points[14];
    expect(p15.committeeIds).toEqual([byName('人才与宣传工作专委会'), byName('组织建设与服务专委会')]);
    const award = p15.measures.filter((m) => m.text.includes('老科协奖'));
    const day = p15.measures.filter((m) => m.text.includes('重阳节') || m.text.includes('上下联动'));
    expect(award.length).toBe(2);
    expect(award.every((m) => m.committeeId === byName('人才与宣传工作专委会'))).toBe(true);
    expect(day.length).toBe(2);
    expect(day.every((m) => m.committeeId === byName('组织建设与服务专委会'))).toBe(true);
    expect(p15.measures.some((m) => m.text.includes('具体工作由'))).toBe(false);
  });

  test('measures are the sentences after the title, without the responsibility clause', () => {
    expect(c.points[0].measures.map((m) => m.text)).toHaveLength(1);
    expect(c.points[8].measures).toHaveLength(6);
    expect(c.points[6].measures[1].text).toContain('银龄乐学 科技为民');
  });

  test('the redacted ** becomes the region placeholder', () => {
    expect(c.points[1].text).toContain('助力“智汇{{region}}”建设行动');
    expect(c.points[1].text).not.toContain('**');
  });

  test('key dates: 5月30日 and 农历九月初九 (重阳节) in 2023 and 2024', () => {
    const d2023 = resolveKeyDates(c.keyDateRules, 2023);
    expect(d2023.map((k) => [k.point, k.calendar, k.date, k.event])).toEqual([
      [15, 'solar', '2023-05-30', '全国科技工作者日'],
      [15, 'lunar', '2023-10-23', '全国老科技工作者日'],
    ]);
    expect(d2023[1].committeeId).toBe(byName('组织建设与服务专委会'));
    expect(d2023[0].committeeId).toBe(byName('人才与宣传工作专委会'));
    expect(resolveKeyDates(c.keyDateRules, 2024).map((k) => k.date)).toEqual(['2024-05-30', '2024-10-11']);
    expect(resolveKeyDates(c.keyDateRules, 2025).map((k) => k.date)).toEqual(['2025-05-30', '2025-10-29']);
  });
});

describe('importer on other texts in the same official style', () => {
  test('（一）-style points, full-width digits, stray spaces and a preamble', () => {
    const text = [
      '  某老科协２０２４年工作要点  ',
      '',
      '总体思路：略。',
      '一、 加强 党建',
      '（一）强化引领。开展学习。具体工作由**老科协党委负责实施。',
      '',
      '（二）做好设计。编制计划。',
      '二、服务大局',
      '（三）开展调研。走访企业。具体工作由**老科协企业技术创新专委会负责实施。',
    ].join('\r\n');
    const c = parseCatalog(text);
    expect(c.year).toBe(2024);
    expect(c.sections).toHaveLength(2);
    expect(c.points.map((p) => [p.number, p.section, p.title])).toEqual([
      [1, 1, '强化引领'],
      [2, 1, '做好设计'],
      [3, 2, '开展调研'],
    ]);
    expect(c.points[1].responsibility).toBe('none');
    expect(c.issues.map((i) => i.code)).toEqual(['point-without-committee']);
    expect(c.preamble).toBe('总体思路：略。');
  });

  test('1、 style with numbering restarting per section is renumbered and reported', () => {
    const c = parseCatalog('一、甲\n1、做甲。内容。\n2、做乙。内容。\n二、乙\n1、做丙。内容。');
    expect(c.points.map((p) => p.number)).toEqual([1, 2, 3]);
    expect(c.issues.some((i) => i.code === 'numbering-repeat' && i.severity === 'info')).toBe(true);
  });

  test('gaps and repeats are reported', () => {
    const c = parseCatalog('一、甲\n1.做甲。\n3.做乙。\n二、乙\n3.做丙。');
    const codes = c.issues.map((i) => i.code);
    expect(codes).toContain('numbering-gap');
    expect(codes).toContain('numbering-repeat');
  });

  test('no numbered points is an error; the hash changes with the content', () => {
    expect(parseCatalog('只有一段话，没有编号。').issues.map((i) => i.code)).toContain('no-points');
    const a = parseCatalog('一、甲\n1.做甲。内容一。');
    const b = parseCatalog('一、甲\n1.做甲。内容二。');
    expect(a.hash).not.toBe(b.hash);
  });

  test('a clause naming two committees gives both', () => {
    const c = parseCatalog('一、甲\n1.做甲。内容。具体工作由**老科协党委、**老科协决策咨询专委会负责实施。');
    expect(c.committees.map((x) => x.name)).toEqual(['党委', '决策咨询专委会']);
    expect(c.points[0].committeeIds).toEqual(['c1', 'c2']);
  });
});

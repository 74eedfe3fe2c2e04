/** Draft tasks are tasks: named by their action; leading clauses and slogans never name a draft. */
import { defaultCatalog } from '../../../src/core/catalog';
import { clausesOf, draftNameOf, draftTasks } from '../../../src/core/catalog/drafts';
import { describeCommitteeWorkbook, DATA_FIRST_ROW } from '../../../src/core/sheets/committeeWorkbook';
import { defaultSettings } from '../../../src/core/plan/settings';

test('the 2023 point 4 drafts of 决策咨询专委会 are named by their action', () => {
  const c = defaultCatalog();
  expect(draftTasks(c.points[3].measures).map((d) => d.name)).toEqual([
    '凝练特聘专家、专委会成员、{{region}}科协老专委委…',
    '开展老龄人才指数和老科技工作者人才资源开发等研究',
    '推动形成有影响力的专报、论文、专著',
  ]);
});

test('no 2023 draft is named by a leading clause, a slogan or a noun use of a verb', () => {
  const names = defaultCatalog().points.flatMap((p) => draftTasks(p.measures).map((d) => d.name));
  expect(names).toHaveLength(defaultCatalog().points.reduce((a, p) => a + p.measures.length, 0));
  for (const bad of ['以党的二十大精神为指引', '多措并举', '培育', '进一步', '适时', '继续']) expect(names.filter((n) => n.startsWith(bad))).toEqual([]);
  expect(names).toContain('关注专精特新企业的培育');
  expect(names).toContain('增加调查站点数量');
});

test('a measure without an action joins the measure it introduces; trailing ones join the last draft', () => {
  const drafts = draftTasks([
    { index: 1, text: '围绕中心、服务大局。' },
    { index: 2, text: '多措并举，组织开展老科技工作者状况调查。' },
    { index: 3, text: '上下联动。' },
  ]);
  expect(drafts).toEqual([{ name: '组织开展老科技工作者状况调查', content: '围绕中心、服务大局。多措并举，组织开展老科技工作者状况调查。上下联动。', measures: [1, 2, 3] }]);
  expect(draftTasks([{ index: 1, text: '坚定信心，勇毅前行。' }])).toEqual([{ name: '坚定信心', content: '坚定信心，勇毅前行。', measures: [1] }]);
  expect(draftNameOf('以党的二十大精神为指引，多措并举。')).toBeNull();
  expect(clausesOf('召开“银龄乐学，科技为民”交流会，总结经验。')).toEqual(['召开“银龄乐学，科技为民”交流会', '总结经验']);
});

test('the 决策咨询 workbook’s draft rows carry the action names', () => {
  const catalog = defaultCatalog();
  const settings = defaultSettings(catalog, { region: '江苏省' });
  const wb = describeCommitteeWorkbook(catalog, settings, 'c2');
  const tasks = wb.sheets.find((s) => s.name === '任务表')!;
  const names: string[] = [];
  for (const b of tasks.blocks) {
    b.rows.forEach((row, i) => {
      const r = Number(/\d+/.exec(b.at)![0]) + i;
      if (r >= DATA_FIRST_ROW && row && row[11] && (row[11] as { v?: unknown }).v === '草稿') names.push(String((row[2] as { v?: unknown }).v));
    });
  }
  expect(names).toContain('推动形成有影响力的专报、论文、专著');
  expect(names).not.toContain('多措并举');
  expect(names).not.toContain('以党的二十大精神为指引');
  expect(names.some((n) => n.startsWith('凝练特聘专家、专委会成员、江苏省科协'))).toBe(true);
});

/** Point suggestions in a committee's workbook prefer the committee's own points. */
import { defaultCatalog } from '../../../src/core/catalog';
import { buildPointIndex, suggestPoints } from '../../../src/core/catalog/similarity';
import { suggestForCommittee } from '../../../src/core/validate/rules/point';

const catalog = defaultCatalog();
const index = buildPointIndex(catalog);
const id = (name: string) => catalog.committees.find((c) => c.name === name)!.id;

test.each([
  ['困难老专家走访慰问。春节前走访慰问生活困难的老科技工作者。', '组织建设与服务专委会', 10, 14],
  ['会议筹备。筹备年度学术会议，印发会议通知，做好会务保障。', '人才与宣传工作专委会', 5, 10],
])('%s: another committee’s point from the text alone, its own in the workbook of %s', (text, committee, alone, own) => {
  expect(suggestPoints(index, text, 1)[0].point).toBe(alone);
  expect(suggestForCommittee(index, catalog, id(committee), text, 2)[0].point).toBe(own);
});

test('a text that clearly fits another committee’s point keeps that suggestion; no committee → text alone', () => {
  const text = '老科协奖评选表彰。开展“老科协奖”评选，在5月30日公布结果并表彰。';
  expect(suggestForCommittee(index, catalog, id('党委'), text, 2)[0].point).toBe(15);
  expect(suggestForCommittee(index, catalog, null, text, 2)).toEqual(suggestPoints(index, text, 2));
  expect(suggestForCommittee(index, catalog, id('党委'), '', 2)).toEqual([]);
});

/** pointCommittees: committees assigned by the secretariat to points of an outline that names none. */
import { parseCatalog } from '../../../src/core/catalog/parse';
import { AssignError, defaultCatalog, withPointCommittees } from '../../../src/core/catalog';
import { withAssigned } from '../../../src/taskpane/assigned';

const text = '某某老科协2024年工作要点\n一、甲\n1.做甲。开展调研。\n2.做乙。举办论坛。\n';

test('assigned committees become the points’ committees, new names become committees, the doubt goes, the hash changes', () => {
  const c = parseCatalog(text);
  const a = withPointCommittees(c, { 1: ['秘书处'], 2: ['决策咨询专委会', '秘书处'] });
  expect(a.committees).toEqual([{ id: 'c1', name: '秘书处', fullName: '秘书处' }, { id: 'c2', name: '决策咨询专委会', fullName: '决策咨询专委会' }]);
  expect(a.points.map((p) => [p.committeeIds, p.responsibility, p.measures.map((m) => m.committeeId)])).toEqual([
    [['c1'], 'assigned', ['c1']],
    [['c2', 'c1'], 'assigned', ['c2']],
  ]);
  expect(c.issues.map((i) => i.code)).toEqual(['no-responsibility']);
  expect(a.issues).toEqual([]);
  expect(a.hash).not.toBe(c.hash);
  expect(c.points[0].committeeIds).toEqual([]); // the input is not changed
});

test('a partial assignment keeps the notice; names and ids of existing committees are reused; unknown points are refused', () => {
  const c = parseCatalog(text);
  expect(withPointCommittees(c, { 1: ['秘书处'] }).issues.map((i) => i.code)).toEqual(['no-responsibility']);
  const d = withPointCommittees(defaultCatalog(), { 4: ['c2'], 5: ['党委'] });
  expect(d.committees).toHaveLength(7);
  expect(d.points[4].committeeIds).toEqual(['c1']);
  expect(() => withPointCommittees(c, { 3: ['党委'] })).toThrow(AssignError);
  expect(withAssigned(c, { 3: ['党委'], 1: [] })).toBe(c);
  expect(withPointCommittees(defaultCatalog(), {}).hash).toBe(defaultCatalog().hash);
});

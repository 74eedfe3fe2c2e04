/** The committee workbook description (pure). */
import { describeCommitteeWorkbook, measuresOf, DATA_FIRST_ROW, HEADER_ROW, KEY_ROW, TASK_LETTERS, committeeWorkbookFileName } from '../../../src/core/sheets/committeeWorkbook';
import { TASK_COLUMNS } from '../../../src/core/sheets/columns';
import type { CellSpec, SheetSpec } from '../../../src/core/sheets/spec';
import { fixtureCatalog, fixtureSettings, GENERATED_AT } from '../../helpers/committeeFixtures';

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const spec = (id: string, opts = {}) => describeCommitteeWorkbook(catalog, settings, id, { generatedAt: GENERATED_AT, ...opts });
const sheet = (id: string, name: string) => spec(id).sheets.find((s) => s.name === name)!;

/** Cells of a sheet by address. */
function cells(s: SheetSpec): Map<string, CellSpec> {
  const out = new Map<string, CellSpec>();
  for (const b of s.blocks) {
    const m = /^([A-Z]+)(\d+)$/.exec(b.at)!;
    const c0 = m[1].charCodeAt(0) - 65;
    b.rows.forEach((row, i) => row.forEach((c, j) => c && out.set(`${String.fromCharCode(65 + c0 + j)}${Number(m[2]) + i}`, c)));
  }
  return out;
}

test('is pure and reproducible with a fixed generatedAt', () => {
  expect(JSON.stringify(spec('c3'))).toBe(JSON.stringify(spec('c3')));
});

test('sheets, states and the stable-key row', () => {
  const s = spec('c2');
  expect(s.sheets.map((x) => [x.name, x.state])).toEqual([
    ['填报说明', 'visible'], ['任务表', 'visible'], ['预算明细', 'visible'], ['里程碑', 'visible'], ['校验', 'visible'], ['_lists', 'hidden'], ['_meta', 'veryHidden'],
  ]);
  const t = cells(sheet('c2', '任务表'));
  TASK_COLUMNS.forEach((c) => {
    expect(t.get(`${TASK_LETTERS[c.key]}${KEY_ROW}`)!.v).toBe(c.key);
    expect(t.get(`${TASK_LETTERS[c.key]}${HEADER_ROW}`)!.v).toBe(c.header.zh);
  });
  expect(sheet('c2', '任务表').rows!.find((r) => r.index === KEY_ROW)!.hidden).toBe(true);
});

test.each(catalog.committees.map((c) => [c.id]))('%s: one group row per point, one draft per measure of the committee, codes in order', (id) => {
  const t = cells(sheet(id, '任务表'));
  const points = catalog.points.filter((p) => p.committeeIds.includes(id));
  const groups: string[] = [];
  const drafts: string[] = [];
  const codes: string[] = [];
  for (let r = DATA_FIRST_ROW; t.has(`A${r}`); r++) {
    const a = String(t.get(`A${r}`)!.v);
    if (a.startsWith('【')) groups.push(a);
    else {
      codes.push(a);
      if (t.get(`L${r}`)?.v === '草稿') drafts.push(String(t.get(`D${r}`)!.v));
    }
  }
  expect(groups).toEqual([...points.map((p) => `【要点 ${p.number}】${p.title}`), expect.stringMatching(/^【其他任务】/)]);
  expect(drafts).toEqual(points.flatMap((p) => measuresOf(p, id).map((m) => m.text.split('{{region}}').join('江苏省'))));
  expect(codes).toEqual(codes.map((_, i) => `T${String(i + 1).padStart(3, '0')}`));
});

test('point 15 is split: 老科协奖 drafts for c4, 老科技工作者日 drafts for c7', () => {
  const text = (id: string) => [...cells(sheet(id, '任务表')).values()].map((c) => String(c.v ?? '')).join('\n');
  expect(text('c4')).toContain('“老科协奖”评选');
  expect(text('c4')).not.toContain('重阳节');
  expect(text('c7')).toContain('重阳节');
  expect(text('c7')).not.toContain('“老科协奖”评选');
});

test('dropdowns, date limits and input messages', () => {
  const v = sheet('c2', '任务表').validations;
  const at = (l: string) => v.find((x) => x.range.startsWith(`${l}${DATA_FIRST_ROW}:`))!;
  expect(at('B')).toMatchObject({ kind: 'list', source: 'PointList' });
  expect(at('E')).toMatchObject({ kind: 'list', source: 'CommitteeList' });
  expect(at('L')).toMatchObject({ kind: 'list', source: 'FlagList' });
  expect(at('H')).toMatchObject({ kind: 'date', min: '2023-01-01', max: '2023-12-31' });
  expect(at('F')).toMatchObject({ kind: 'any', prompt: { title: '负责人', text: '填写负责人姓名。' } });
  const lists = cells(spec('c2').sheets.find((s) => s.name === '_lists')!);
  expect(lists.get('A2')!.v).toBe('1 强化思想政治引领');
  expect(lists.get('A5')!.v).toBe('4 凝练决策咨询重点课题');
  expect(lists.get('A18')!.v).toBe('17 加强内部治理能力建设');
  expect(spec('c2').names.find((n) => n.name === 'PointList')!.ref).toBe("'_lists'!$A$2:$A$18");
});

test('meta carries version, year, committee, catalog hash, time, unit and every column letter', () => {
  const m = cells(sheet('c5', '_meta'));
  const kv = new Map<string, unknown>();
  for (let r = 2; m.has(`A${r}`); r++) kv.set(String(m.get(`A${r}`)!.v), m.get(`B${r}`)!.v);
  expect(kv.get('templateVersion')).toBe('1.0');
  expect(kv.get('year')).toBe('2023');
  expect(kv.get('committeeId')).toBe('c5');
  expect(kv.get('committee')).toBe('助力乡村振兴专委会');
  expect(kv.get('catalogHash')).toBe(catalog.hash);
  expect(kv.get('generatedAt')).toBe(GENERATED_AT);
  expect(kv.get('budgetUnit')).toBe('万元');
  expect(kv.get('col.tasks.owner')).toBe('F');
  expect(kv.get('col.budget.amount')).toBe('H');
  expect(kv.get('col.milestones.deliverable')).toBe('E');
  expect([...kv.values()].every((v) => typeof v === 'string')).toBe(true);
});

test('protection, print and freeze on the data sheets; the password comes from settings', () => {
  for (const name of ['任务表', '预算明细', '里程碑']) {
    const s = sheet('c2', name);
    expect(s.protection).toEqual({ password: '', allowInsertRows: true, allowDeleteRows: true, allowFormatColumns: true, allowSort: true, allowAutoFilter: true });
    expect(s.print).toMatchObject({ orientation: 'landscape', paper: 'A4', titleRows: '3:3', fitToWidth: true, footer: '第 &P 页 共 &N 页' });
    expect(s.freeze!.rows).toBe(3);
  }
  const withPw = describeCommitteeWorkbook(catalog, { ...settings, protectionPassword: 'pw' }, 'c2', { generatedAt: GENERATED_AT });
  expect(withPw.sheets.find((s) => s.name === '任务表')!.protection!.password).toBe('pw');
});

test('row counts follow the options', () => {
  const s = spec('c1', { taskRows: 5, budgetRows: 10, milestoneRows: 7 });
  const b = s.sheets.find((x) => x.name === '预算明细')!;
  expect(b.validations[0].range).toBe('A4:A13');
  expect(s.sheets.find((x) => x.name === '里程碑')!.validations[0].range).toBe('A4:A10');
});

test('file names', () => {
  expect(committeeWorkbookFileName(2023, '决策咨询专委会')).toBe('2023年工作计划-决策咨询专委会.xlsx');
  expect(committeeWorkbookFileName(2023, 'a/b')).toBe('2023年工作计划-a_b.xlsx');
});

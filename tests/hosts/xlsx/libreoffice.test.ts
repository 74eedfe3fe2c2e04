/**
 * LibreOffice headless opens our generated and filled workbooks, recalculates them (one soffice run
 * for all files), and: its totals equal ours, the 校验 counts are right, a re-saved workbook reads
 * back with nothing lost, and a row inserted on the protected sheet still reads.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Workbook } from '@cj-tech-master/excelts';
import { checkSubmission } from '../../../src/core/validate';
import { readWorkbook } from '../../../src/hosts/xlsx';
import type { RawSubmission } from '../../../src/core/plan/types';
import { fixtureCatalog, fixtureSettings, generated, goodFill, goodWorkbook } from '../../helpers/committeeFixtures';
import { fillWorkbook } from '../../helpers/fillWorkbook';
import { hasLibreOffice, libreofficeConvert } from '../../helpers/libreoffice';
import { part, sheetPaths, zipParts } from '../../helpers/zipParts';


jest.setTimeout(240_000);

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const mistakeSettings = fixtureSettings(catalog, { ceilings: { c2: 5 } });
const dir = mkdtempSync(join(tmpdir(), 'pb-lo-'));
const ids = catalog.committees.map((c) => c.id);
const out = new Map<string, string>();
const totals = new Map<string, number>();
const originals = new Map<string, Uint8Array>();

async function mistakes(): Promise<Uint8Array> {
  const good = goodFill(catalog, 'c2');
  const tasks = good.input.tasks!.map((t) => {
    if (t.code === 'T001') return { ...t, end: '2023-02-01' };
    if (t.code === 'T008') return { ...t, owner: null };
    if (t.code === 'T013') return { ...t, start: '2022-12-01' };
    if (t.code === 'T020') return { ...t, point: '18 不存在的要点' };
    return t;
  });
  return fillWorkbook(await generated(catalog, mistakeSettings, 'c2'), {
    tasks: [
      ...tasks,
      // a point typed as its number is not a problem for the 校验 count
      { code: 'T025', point: 5, name: '按编号填写要点的任务', content: '内容', committee: '决策咨询专委会', owner: '孙八', start: '2023-03-01', end: '2023-04-01' },
    ],
    budget: [
      ...good.input.budget!,
      { taskCode: 'T999', expenseCategory: '会议费', fundingSource: '财政拨款', amount: 1 },
      { taskCode: 'T001', expenseCategory: '会议费', fundingSource: '财政拨款', amount: -2 },
      { taskCode: 'T008', fundingSource: '财政拨款', amount: 1 },
    ],
    milestones: [...good.input.milestones!, { taskCode: 'T008', date: '2023-06-01', deliverableType: '活动' }],
  });
}

/** A filled c3 workbook with a task row inserted in the middle of 任务表 and a budget row appended (by excelts). */
async function inserted(): Promise<Uint8Array> {
  const { bytes } = await goodWorkbook(catalog, settings, 'c3');
  const wb: any = new Workbook();
  await wb.xlsx.load(bytes);
  const ws = wb.getWorksheet('任务表');
  ws.spliceRows(6, 0, [null, '7 办好老年科技大学', '插入的新任务', '新增内容', '科普与教育专委会', '赵六', '', new Date(Date.UTC(2023, 3, 1)), new Date(Date.UTC(2023, 8, 30)), '1 期', null, null, '插入行']);
  ws.getRow(ws.rowCount + 1).values = ['T900', '8 推进银龄科学健康行动', '表格下方续填的任务', '续填内容', '科普与教育专委会', '钱七', '', new Date(Date.UTC(2023, 4, 1)), new Date(Date.UTC(2023, 9, 31)), '2 场'];
  const b = wb.getWorksheet('预算明细');
  b.getRow(204).values = ['T001', null, '培训费', '自筹', null, null, null, 1.5, '追加'];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  if (!hasLibreOffice()) throw new Error('LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui');
  const files: string[] = [];
  const put = (name: string, bytes: Uint8Array) => {
    const f = join(dir, `${name}.xlsx`);
    writeFileSync(f, bytes);
    files.push(f);
  };
  for (const id of ids) {
    const g = await generated(catalog, settings, id);
    originals.set(`gen-${id}`, g);
    put(`gen-${id}`, g);
    const { bytes, fill } = await goodWorkbook(catalog, settings, id);
    originals.set(`good-${id}`, bytes);
    totals.set(id, fill.total);
    put(`good-${id}`, bytes);
  }
  put('mistakes', await mistakes());
  put('inserted', await inserted());
  const outs = await libreofficeConvert(files, { outDir: join(dir, 'lo') });
  files.forEach((f, i) => out.set(f.replace(/^.*\//, '').replace(/\.xlsx$/, ''), outs[i]));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loSheet(name: string, sheet: string): Promise<any> {
  const wb: any = new Workbook();
  await wb.xlsx.load(new Uint8Array(readFileSync(out.get(name)!)));
  return wb.getWorksheet(sheet);
}
async function loRaw(name: string): Promise<RawSubmission> {
  const r = await readWorkbook(new Uint8Array(readFileSync(out.get(name)!)), `${name}.xlsx`);
  if (r.refusal) throw new Error(r.refusal.message.en);
  return r.raw;
}
const checkCounts = async (name: string) => {
  const ws = await loSheet(name, '校验');
  const counts: Record<string, number> = {};
  ws.eachRow((row: any) => {
    const key = row.getCell(3).value;
    const v = row.getCell(2).value;
    if (typeof key === 'string' && key !== 'key') counts[key] = typeof v === 'object' && v && 'result' in v ? v.result : v;
  });
  return counts;
};
const inputOnly = (cells: Record<string, unknown>) => Object.fromEntries(Object.entries(cells).filter(([k]) => !['budgetTotal', 'taskName', 'amount'].includes(k)));
const asIso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);
const normalised = (rows: RawSubmission['tasks']) => rows.map((r) => ({ row: r.source.row, cells: Object.fromEntries(Object.entries(inputOnly(r.cells)).map(([k, v]) => [k, asIso(v)])) }));

test.each(ids)('%s: the generated workbook opens and re-saves; the template checks itself to zero problems besides drafts', async (id) => {
  const counts = await checkCounts(`gen-${id}`);
  const drafts = catalog.points.flatMap((p) => p.measures.filter((m) => m.committeeId === id)).length;
  expect(counts['task.draft']).toBe(drafts);
  expect(counts.total).toBe(drafts);
  expect(counts.budgetTotal).toBe(0);
  const original = (await readWorkbook(originals.get(`gen-${id}`)!, 'x.xlsx')).raw!;
  const resaved = await loRaw(`gen-${id}`);
  expect(normalised(resaved.tasks)).toEqual(normalised(original.tasks));
  expect(resaved.meta).toEqual(original.meta);
});

test.each(ids)('%s: a filled workbook recalculated by LibreOffice: totals equal ours and nothing is lost', async (id) => {
  const counts = await checkCounts(`good-${id}`);
  expect(counts.total).toBe(0);
  expect(counts.budgetTotal).toBeCloseTo(totals.get(id)!, 9);
  const resaved = await loRaw(`good-${id}`);
  const original = (await readWorkbook(originals.get(`good-${id}`)!, 'x.xlsx')).raw!;
  expect(normalised(resaved.tasks)).toEqual(normalised(original.tasks));
  expect(normalised(resaved.budgetLines)).toEqual(normalised(original.budgetLines));
  expect(normalised(resaved.milestones)).toEqual(normalised(original.milestones));
  // Task totals computed by LibreOffice's SUMIF equal the sums of the lines; the validator agrees (no task.total.mismatch).
  const { submission, findings } = checkSubmission(resaved, catalog, settings);
  expect(findings).toEqual([]);
  for (const t of submission.tasks) {
    const sum = submission.budgetLines.filter((l) => l.taskCode === t.code).reduce((s, l) => s + (l.amount ?? 0), 0);
    expect(t.declaredTotal).toBeCloseTo(sum, 9);
  }
  // price × quantity × times computed by LibreOffice equals ours
  const b = await loSheet(`good-${id}`, '预算明细');
  const v = b.getCell('H4').value;
  expect(typeof v === 'object' ? v.result : v).toBeCloseTo(Number(b.getCell('E4').value) * Number(b.getCell('F4').value) * Number(b.getCell('G4').value), 9);
});

test('files re-saved by LibreOffice read the same with the fast reader and the full excelts load', async () => {
  for (const name of out.keys()) {
    const bytes = new Uint8Array(readFileSync(out.get(name)!));
    // LibreOffice caches an empty text result as <v></v>: the fast reader returns that "" while excelts
    // reports the formula as having no result. Both mean "blank"; compare with that one difference folded.
    const fold = (r: unknown) => JSON.parse(JSON.stringify(r, (_k, v) => (v && typeof v === 'object' && 'formula' in v ? '' : v)));
    expect(fold(await readWorkbook(bytes, 'x.xlsx'))).toEqual(fold(await readWorkbook(bytes, 'x.xlsx', { engine: 'excelts' })));
  }
});

test('the 校验 sheet counts every kind of mistake', async () => {
  expect(await checkCounts('mistakes')).toMatchObject({
    'task.required': 1,
    'task.point.unknown': 1,
    'date.outsideYear': 1,
    'task.date.endBeforeStart': 1,
    'task.draft': 0,
    'budget.required': 1,
    'budget.task.unknown': 1,
    'amount.nonPositive': 1,
    'milestone.required': 1,
    'milestone.task.unknown': 0,
    'committee.ceiling.exceeded': 1,
    total: 9,
  });
});

test('a row inserted on the protected sheet, re-saved by LibreOffice, still reads', async () => {
  const raw = await loRaw('inserted');
  const added = raw.tasks.find((t) => t.cells.name === '插入的新任务')!;
  expect(added.source.row).toBe(6);
  expect(added.cells.owner).toBe('赵六');
  expect(asIso(added.cells.start)).toBe('2023-04-01');
  expect(raw.tasks.filter((t) => t.cells.owner === '王五')).toHaveLength(goodFill(catalog, 'c3').confirmed.length);
  const below = raw.tasks.find((t) => t.cells.code === 'T900')!;
  expect(below.cells.owner).toBe('钱七');
  expect(below.source.row).toBe(raw.tasks[raw.tasks.length - 1].source.row);
  const appended = raw.budgetLines.find((l) => l.cells.basis === '追加')!;
  expect(appended.source.row).toBe(204);
  expect(appended.cells.amount).toBe(1.5);
  // the protection flags survive LibreOffice's re-save
  // (LibreOffice writes "true"/"false" where Excel writes "1"/"0"; insertRows="false" = not protected = allowed.)
  const parts = zipParts(new Uint8Array(readFileSync(out.get('inserted')!)));
  const p = /<sheetProtection\b[^>]*>/.exec(part(parts, sheetPaths(parts).get('任务表')!))![0];
  expect(p).toMatch(/sheet="(1|true)"/);
  for (const a of ['insertRows', 'deleteRows', 'formatColumns', 'sort', 'autoFilter']) expect(p).toMatch(new RegExp(`${a}="(0|false)"`));
});

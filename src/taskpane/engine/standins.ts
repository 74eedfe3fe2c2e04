/**
 * MINIMAL STAND-INS, used only until the agreed modules of the other helpers land:
 * describeCommitteeWorkbook (src/core/sheets/committeeWorkbook.ts), the pure grid reader
 * (src/core/sheets/readGrid.ts), checkSubmission (src/core/validate), consolidation
 * (src/core/consolidate + src/core/sheets/summaryWorkbook.ts). impl.ts switches to the real ones.
 */
import { fillRegion } from '../../core/catalog';
import type { Catalog } from '../../core/catalog/types';
import type { BudgetLine, RawRow, RawSubmission, Settings, Submission, Task } from '../../core/plan/types';
import { BUDGET_COLUMNS, COLUMNS_BY_SHEET, MILESTONE_COLUMNS, SHEET_NAMES, TASK_COLUMNS, headerKey, type ColumnDef } from '../../core/sheets/columns';
import type { CellSpec, CellValue, SheetSpec, WorkbookSpec } from '../../core/sheets/spec';
import type { Finding } from '../../core/validate/types';
import type { Checked, RosterRow, Summary } from './types';

const letter = (i: number) => String.fromCharCode(65 + i);
const sheet = (name: string, blocks: SheetSpec['blocks'], extra: Partial<SheetSpec> = {}): SheetSpec => ({
  name, state: 'visible', columns: [], blocks, formats: [], merges: [], validations: [], conditionalFormats: [], ...extra,
});
const header = (cols: ColumnDef[]) => cols.map((c) => ({ v: c.header.zh, s: 'header' }));

export function describeCommitteeWorkbook(catalog: Catalog, settings: Settings, committeeId: string): WorkbookSpec {
  const committee = catalog.committees.find((c) => c.id === committeeId)!;
  const points = catalog.points.filter((p) => p.committeeIds.includes(committeeId));
  const rows: CellSpec[][] = [];
  let n = 0;
  for (const p of points)
    for (const m of p.measures.filter((x) => x.committeeId === committeeId || x.committeeId === null || p.committeeIds.length === 1)) {
      n++;
      rows.push(TASK_COLUMNS.map((c) => ({
        code: { v: `T${String(n).padStart(3, '0')}` },
        point: { v: `${p.number} ${p.title}` },
        name: { v: fillRegion(m.text, settings.region).slice(0, 40) },
        committee: { v: committee.name },
        budgetTotal: { f: `SUMIF('${SHEET_NAMES.budget}'!A:A,A${n + 2},'${SHEET_NAMES.budget}'!H:H)` },
        draft: { v: '草稿' },
      } as Record<string, CellSpec>)[c.key] ?? {}));
    }
  return {
    sheets: [
      sheet(SHEET_NAMES.guide, [{ at: 'A1', rows: [[{ v: `${settings.year}年工作计划填报说明 — ${committee.name}`, s: 'title' }], ...points.map((p) => [{ v: `${p.number}. ${fillRegion(p.text, settings.region)}` }])] }], { columns: [{ index: 1, width: 90 }] }),
      sheet(SHEET_NAMES.tasks, [{ at: 'A1', rows: [[{ v: `${committee.name} 任务表` }]] }, { at: 'A2', rows: [header(TASK_COLUMNS), ...rows] }], { columns: TASK_COLUMNS.map((c, i) => ({ index: i + 1, width: c.width })), freeze: { rows: 2, cols: 0 } }),
      sheet(SHEET_NAMES.budget, [{ at: 'A1', rows: [[{ v: '预算明细' }]] }, { at: 'A2', rows: [header(BUDGET_COLUMNS)] }], { columns: BUDGET_COLUMNS.map((c, i) => ({ index: i + 1, width: c.width })) }),
      sheet(SHEET_NAMES.milestones, [{ at: 'A1', rows: [[{ v: '里程碑' }]] }, { at: 'A2', rows: [header(MILESTONE_COLUMNS)] }]),
      sheet(SHEET_NAMES.meta, [{ at: 'A1', rows: [['templateVersion', '1'], ['year', String(settings.year)], ['committeeId', committeeId], ['committee', committee.name], ['catalogHash', catalog.hash]].map((r) => r.map((v) => ({ v }))) }], { state: 'veryHidden' }),
    ],
    styles: { title: { font: { bold: true, size: 14 } }, header: { font: { bold: true }, fill: 'D9E1F2' } },
    names: [],
    properties: { title: `${settings.year}年工作计划-${committee.name}`, creator: '计划预算编制助手', created: new Date().toISOString() },
  };
}

export function rawFromGrids(grids: Record<string, CellValue[][]>, file: string): RawSubmission {
  const read = (name: string, cols: ColumnDef[]): RawRow[] => {
    const g = grids[name] ?? [];
    const keys = new Map<string, string>();
    for (const c of cols) for (const t of [c.header.zh, ...c.aliases]) keys.set(headerKey(t), c.key);
    let hr = -1;
    const colOf: Record<string, number> = {};
    for (let r = 0; r < Math.min(g.length, 20) && hr < 0; r++) {
      const found = (g[r] ?? []).map((v) => keys.get(headerKey(String(v ?? ''))));
      if (found.filter(Boolean).length >= 3) {
        hr = r;
        found.forEach((k, i) => k && !(k in colOf) && (colOf[k] = i));
      }
    }
    const out: RawRow[] = [];
    for (let r = hr + 1; hr >= 0 && r < g.length; r++) {
      const cells: Record<string, unknown> = {};
      const columns: Record<string, string> = {};
      let any = false;
      for (const [k, i] of Object.entries(colOf)) {
        cells[k] = g[r]?.[i] ?? null;
        columns[k] = letter(i);
        if (cells[k] !== null && cells[k] !== '' && cols.find((c) => c.key === k)?.type !== 'formula') any = true;
      }
      if (any) out.push({ source: { file, sheet: name, row: r + 1 }, cells, columns });
    }
    return out;
  };
  const meta: Record<string, string> = {};
  for (const row of grids[SHEET_NAMES.meta] ?? []) if (row[0]) meta[String(row[0])] = String(row[1] ?? '');
  return {
    file,
    meta,
    tasks: read(SHEET_NAMES.tasks, COLUMNS_BY_SHEET.tasks),
    budgetLines: read(SHEET_NAMES.budget, COLUMNS_BY_SHEET.budget),
    milestones: read(SHEET_NAMES.milestones, COLUMNS_BY_SHEET.milestones),
    readFindings: [],
  };
}

const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() && !Number.isNaN(Number(v.replace(/,/g, ''))) ? Number(v.replace(/,/g, '')) : null);
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

export function checkSubmission(raw: RawSubmission, catalog: Catalog, settings: Settings): { submission: Submission; findings: Finding[] } {
  const findings: Finding[] = [...raw.readFindings];
  const add = (row: RawRow, key: string, code: string, zh: string, en: string, autoFix?: Finding['autoFix']) =>
    findings.push({ severity: 'error', code, message: { zh, en }, file: raw.file, sheet: row.source.sheet, row: row.source.row, column: row.columns[key] ?? '', columnKey: key, raw: row.cells[key], fix: null, autoFix });
  const committeeId = raw.meta.committeeId ?? null;
  const tasks: Task[] = raw.tasks.map((r) => {
    for (const c of TASK_COLUMNS) if (c.required && c.type !== 'formula' && !str(r.cells[c.key])) add(r, c.key, 'required', `“${c.header.zh}”不能为空`, `${c.header.en} is required`);
    const pn = parseInt(str(r.cells.point), 10);
    const point = catalog.points.some((p) => p.number === pn) ? pn : null;
    if (str(r.cells.point) && point === null) add(r, 'point', 'task.point.unknown', `要点“${str(r.cells.point)}”不存在`, 'Unknown work point');
    return { code: str(r.cells.code), point, name: str(r.cells.name), content: str(r.cells.content), committeeId, committeeText: str(r.cells.committee), owner: str(r.cells.owner), partners: str(r.cells.partners), start: null, end: null, kpi: str(r.cells.kpi), remarks: str(r.cells.remarks), draft: !!str(r.cells.draft), declaredTotal: num(r.cells.budgetTotal), milestones: [], source: r.source, fields: {} };
  });
  const budgetLines: BudgetLine[] = raw.budgetLines.map((r) => {
    const amount = num(r.cells.amount);
    if (amount === null) {
      const fixed = num(str(r.cells.amount).replace(/[元万\s]/g, ''));
      add(r, 'amount', 'budget.amount.unreadable', `金额“${str(r.cells.amount)}”无法识别`, 'Amount unreadable', fixed !== null ? { value: fixed, label: { zh: `改为 ${fixed}`, en: `Change to ${fixed}` } } : undefined);
    }
    return { taskCode: str(r.cells.taskCode), expenseCategory: str(r.cells.expenseCategory), fundingSource: str(r.cells.fundingSource), unitPrice: num(r.cells.unitPrice), quantity: num(r.cells.quantity), times: num(r.cells.times), amount, basis: str(r.cells.basis), source: r.source, fields: {} };
  });
  void settings;
  return { submission: { file: raw.file, meta: raw.meta, committeeId, tasks, budgetLines, orphanMilestones: [] }, findings };
}

export function summarise(checked: Checked[], unreadable: { file: string; reason: string }[], catalog: Catalog, settings: Settings): Summary {
  const latest = new Map<string, Checked>();
  for (const c of checked) if (c.submission.committeeId) latest.set(c.submission.committeeId, c);
  const roster: RosterRow[] = catalog.committees.map((k) => {
    const c = latest.get(k.id);
    const budget = c ? c.submission.budgetLines.reduce((s, b) => s + (b.amount ?? 0), 0) : 0;
    return { committeeId: k.id, committee: k.name, status: !c ? 'missing' : c.findings.some((f) => f.severity === 'error') ? 'errors' : 'submitted', file: c?.file ?? '', tasks: c?.submission.tasks.length ?? 0, budget, ceiling: settings.ceilings[k.id] ?? null };
  });
  for (const u of unreadable) roster.push({ committeeId: '', committee: '', status: 'refused', file: u.file, tasks: 0, budget: 0, ceiling: null, reason: u.reason });
  const accepted = [...latest.values()];
  const taskRows = accepted.flatMap((c) => c.submission.tasks.map((t) => [c.file, t.code, t.point ?? '', t.name, c.submission.budgetLines.filter((b) => b.taskCode === t.code).reduce((s, b) => s + (b.amount ?? 0), 0)].map((v) => ({ v }) as CellSpec)));
  const byC = roster.filter((r) => r.committeeId).map((r) => [{ v: r.committee }, { v: r.tasks }, { v: r.budget }]);
  return {
    roster, accepted, findings: checked.flatMap((c) => c.findings),
    fileName: `${settings.year}年工作计划汇总.xlsx`,
    spec: {
      sheets: [
        sheet('封面', [{ at: 'A1', rows: [[{ v: `${settings.organisation} ${settings.year}年工作计划汇总` }], ...roster.map((r) => [{ v: r.committee || r.file }, { v: r.status }])] }]),
        sheet('任务汇总', [{ at: 'A1', rows: [['文件', '任务编号', '要点', '任务名称', '预算'].map((v) => ({ v })), ...taskRows] }]),
        sheet('按专委会', [{ at: 'A1', rows: [['专委会', '任务数', '预算'].map((v) => ({ v })), ...byC] }], { charts: [{ kind: 'column', title: '各专委会预算', categories: `'按专委会'!$A$2:$A$${byC.length + 1}`, series: [{ name: '预算', values: `'按专委会'!$C$2:$C$${byC.length + 1}` }], anchor: { at: 'E2', cols: 8, rows: 16 } }] }),
      ],
      styles: {}, names: [], properties: { title: '汇总', creator: '计划预算编制助手', created: new Date().toISOString() },
    },
  };
}

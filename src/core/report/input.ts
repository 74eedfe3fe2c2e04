/**
 * What the 汇编 document is made from: the consolidated plan, either straight from a SummaryModel
 * (after consolidating a folder, or in the page) or read back from the sheets of a summary workbook
 * we wrote (任务汇总, 预算汇总, 进度, 按专委会, 问题清单 and the hidden _summary). Pure.
 */
import type { Catalog } from '../catalog/types';
import type { SummaryModel } from '../consolidate/types';
import { serialToIso } from '../plan/normalise';
import { SUMMARY_MARKER, SUMMARY_SHEETS } from '../sheets/summaryWorkbook';

export interface ReportTask {
  committeeId: string;
  committee: string;
  code: string;
  point: number | null;
  name: string;
  content: string;
  owner: string;
  partners: string;
  start: string | null;
  end: string | null;
  kpi: string;
  budget: number;
  draft: boolean;
}

export interface ReportLine {
  committee: string;
  taskCode: string;
  point: number | null;
  expenseCategory: string;
  fundingSource: string;
  amount: number | null;
}

export interface ReportMilestone {
  committee: string;
  taskCode: string;
  /** What is delivered (else the task's name). */
  deliverable: string;
  date: string | null;
}

export interface ReportCommittee {
  id: string;
  name: string;
  /** 报送状态 as in the summary: 已提交, 有错误, 未提交. */
  status: string;
  ceiling: number | null;
}

export interface ReportFinding {
  severity: 'error' | 'warning' | 'info';
  file: string;
  /** 工作表!单元格, or "". */
  where: string;
  message: string;
}

export interface ReportInput {
  organisation: string;
  region: string;
  year: number;
  unit: string;
  /** When the summary was made (ISO). */
  generatedAt: string;
  committees: ReportCommittee[];
  tasks: ReportTask[];
  lines: ReportLine[];
  milestones: ReportMilestone[];
  findings: ReportFinding[];
}

const whereOf = (sheet: string, column: string, row: number) => {
  const cell = column && row ? `${column}${row}` : row ? `第${row}行` : '';
  return [sheet, cell].filter(Boolean).join('!');
};

/** From the model consolidation made. */
export function reportInputFromModel(model: SummaryModel): ReportInput {
  return {
    organisation: model.organisation,
    region: model.region,
    year: model.year,
    unit: model.unit,
    generatedAt: model.generatedAt,
    committees: model.byCommittee.map((c) => ({ id: c.committeeId, name: c.committee, status: c.status, ceiling: c.ceiling })),
    tasks: model.tasks.map((t) => ({
      committeeId: t.committeeId,
      committee: t.committee,
      code: t.code,
      point: t.point,
      name: t.name,
      content: t.content,
      owner: t.owner,
      partners: t.partners,
      start: t.start,
      end: t.end,
      kpi: t.kpi,
      budget: t.budget,
      draft: t.draft,
    })),
    lines: model.budgetLines.map((l) => ({ committee: l.committee, taskCode: l.taskCode, point: l.point, expenseCategory: l.expenseCategory, fundingSource: l.fundingSource, amount: l.amount })),
    milestones: model.milestones.map((m) => ({ committee: m.committee, taskCode: m.taskCode, deliverable: m.deliverable || m.taskName, date: m.date })),
    findings: model.findings.map((f) => ({ severity: f.severity, file: f.file, where: whereOf(f.sheet, f.column, f.row), message: f.message.zh })),
  };
}

// ── reading a summary workbook back ──

const text = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.toISOString().slice(0, 10) : '';
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('result' in o) return text(o.result);
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('text' in o) return String(o.text);
    return '';
  }
  return String(v).trim();
};
const num = (v: unknown): number | null => {
  if (v && typeof v === 'object' && 'result' in (v as object)) return num((v as { result: unknown }).result);
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = text(v).replace(/,/g, '');
  if (!s) return null;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
};
const day = (v: unknown): string | null => {
  if (v instanceof Date) return Number.isFinite(v.getTime()) ? v.toISOString().slice(0, 10) : null;
  if (typeof v === 'number' && Number.isFinite(v) && v > 0) return serialToIso(v);
  const s = text(v);
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : null;
};

/** The rows under the header row (row 3) of one of our summary sheets, as header → value records. */
function records(rows: unknown[][] | undefined, headerRow = 3): Record<string, unknown>[] {
  if (!rows) return [];
  const head = (rows[headerRow - 1] ?? []).map(text);
  const out: Record<string, unknown>[] = [];
  for (let i = headerRow; i < rows.length; i++) {
    const r = rows[i];
    if (!r || r.every((v) => text(v) === '')) continue;
    const o: Record<string, unknown> = {};
    head.forEach((h, j) => {
      if (h) o[h] = r[j];
    });
    out.push(o);
  }
  return out;
}

const SEVERITY: Record<string, ReportFinding['severity']> = { 错误: 'error', 警告: 'warning', 提示: 'info' };

/**
 * From the sheets of a summary workbook we wrote (grids of values, row 1 first). Null when it is not
 * one (no _summary marker). Totals are those of the rows, exactly as the summary's own formulas
 * (SUMIFS over 预算汇总) add them.
 */
export function reportInputFromSummarySheets(sheets: { name: string; rows: unknown[][] }[], catalog: Catalog, organisation = ''): ReportInput | null {
  const by = new Map(sheets.map((s) => [s.name, s.rows]));
  const machine = by.get(SUMMARY_SHEETS.machine);
  if (!machine || text(machine[0]?.[0]) !== SUMMARY_MARKER) return null;
  const meta: Record<string, string> = {};
  for (const r of machine) if (text(r?.[0]) === 'meta') meta[text(r[1])] = text(r[2]);
  const committeeId = new Map(catalog.committees.map((c) => [c.name, c.id]));
  const tasks: ReportTask[] = records(by.get(SUMMARY_SHEETS.tasks)).map((r) => ({
    committeeId: committeeId.get(text(r['专委会'])) ?? '',
    committee: text(r['专委会']),
    code: text(r['任务编号']),
    point: num(r['要点']),
    name: text(r['任务名称']),
    content: text(r['工作内容与目标']),
    owner: text(r['负责人']),
    partners: text(r['协办单位']),
    start: day(r['开始日期']),
    end: day(r['完成日期']),
    kpi: text(r['考核指标']),
    budget: num(r['预算']) ?? 0,
    draft: text(r['状态']) === '草稿',
  }));
  const lines: ReportLine[] = records(by.get(SUMMARY_SHEETS.lines)).map((r) => ({
    committee: text(r['专委会']),
    taskCode: text(r['任务编号']),
    point: num(r['要点']),
    expenseCategory: text(r['经费科目']),
    fundingSource: text(r['经费来源']),
    amount: num(r['金额']),
  }));
  const milestones: ReportMilestone[] = records(by.get(SUMMARY_SHEETS.timeline))
    .filter((r) => text(r['类型']) === '里程碑')
    .map((r) => ({ committee: text(r['专委会']), taskCode: text(r['任务编号']), deliverable: text(r['名称']), date: day(r['开始']) }));
  const committees: ReportCommittee[] = [];
  for (const r of records(by.get(SUMMARY_SHEETS.committees))) {
    const name = text(r['专委会']);
    if (!name || name === '合计') continue;
    const ceilingKey = Object.keys(r).find((k) => k.startsWith('控制数'));
    committees.push({ id: committeeId.get(name) ?? '', name, status: text(r['状态']), ceiling: ceilingKey ? num(r[ceilingKey]) : null });
  }
  const findings: ReportFinding[] = records(by.get(SUMMARY_SHEETS.findings)).map((r) => ({
    severity: SEVERITY[text(r['级别'])] ?? 'info',
    file: text(r['文件']),
    where: [text(r['工作表']), text(r['单元格'])].filter(Boolean).join('!'),
    message: text(r['问题']),
  }));
  return {
    organisation: meta.organisation || organisation,
    region: meta.region ?? '',
    year: Number(meta.year) || catalog.year || 0,
    unit: meta.unit || '万元',
    generatedAt: meta.generatedAt ?? '',
    committees,
    tasks,
    lines,
    milestones,
    findings,
  };
}

/**
 * The summary workbook (汇总表) for the 秘书处 and leadership, described as a WorkbookSpec. Pure.
 *
 * Sheets: 封面, 任务汇总 (a table), 预算汇总 (a table of every budget line), 按要点, 按专委会, 经费,
 * 进度, 问题清单, 变更 (with a previous summary), and the very hidden _summary (what the next
 * consolidation reads back for 变更; see readPreviousSummary).
 * Totals a reader would check are live formulas over 任务汇总 / 预算汇总 (COUNTIFS / SUMIFS / SUM).
 * Every text from a submission is a string cell (never a formula), whatever it starts with.
 */
import { columnLetter } from './address';
import { beijingClock, beijingTime, isoDay } from '../util/time';
import { tidy } from '../util/tidy';
import { fillRegion } from '../catalog';
import type { Catalog } from '../catalog/types';
import type { PreviousSummary, SummaryModel } from '../consolidate/types';
import { STATUS_EN } from '../consolidate/types';
import type { Settings } from '../plan/types';
import { TOKEN_LABEL } from '../plan/token';
import { DATE, dateValue, expandLazyBlock, lazyBlock, NUM, numValue as nv, PLAIN, TEXT, textValue as tv } from './lazyBlock';
import type { LazyBlock, LazyColumn, LazyValue } from './lazyBlock';
import type { BlockSpec, CellSpec, ChartSpec, ConditionalFormatSpec, PrintSpec, SheetSpec, StyleSpec, WorkbookSpec } from './spec';

export const SUMMARY_SHEETS = {
  cover: '封面',
  tasks: '任务汇总',
  lines: '预算汇总',
  points: '按要点',
  committees: '按专委会',
  funds: '经费',
  timeline: '进度',
  findings: '问题清单',
  changes: '变更',
  files: '文件信息',
  machine: '_summary',
} as const;

/** Marker in cell A1 of the _summary sheet. */
export const SUMMARY_MARKER = 'plan-budget-summary';
export const SUMMARY_FORMAT = '1';

const FONT = '宋体';
const BORDER = 'BFBFBF';
const HEADER_ROW = 3;
const FIRST = 4;

const STYLES: Record<string, StyleSpec> = {
  title: { font: { name: FONT, size: 16, bold: true, color: '1F3864' }, vertical: 'middle' },
  subtitle: { font: { name: FONT, size: 10, color: '595959' }, vertical: 'middle' },
  header: { font: { name: FONT, size: 11, bold: true, color: 'FFFFFF' }, fill: '2F5496', horizontal: 'center', vertical: 'middle', wrap: true, border: BORDER },
  text: { font: { name: FONT, size: 10 }, vertical: 'top', wrap: true, border: BORDER, numFmt: '@' },
  textc: { font: { name: FONT, size: 10 }, horizontal: 'center', vertical: 'top', border: BORDER, numFmt: '@' },
  /** A SHA-256 in full on one line (64 hex digits in a small monospaced font; never wrapped). */
  hash: { font: { name: 'Consolas', size: 8 }, vertical: 'top', border: BORDER, numFmt: '@' },
  int: { font: { name: FONT, size: 10 }, horizontal: 'center', vertical: 'top', border: BORDER, numFmt: '0' },
  amount: { font: { name: FONT, size: 10 }, horizontal: 'right', vertical: 'top', border: BORDER, numFmt: '#,##0.00' },
  /** A row's own money (a line, a task): two decimals, up to four when the amount has them (35 元 in a 万元 plan is 0.0035, never shown as 0.00). */
  lineAmount: { font: { name: FONT, size: 10 }, horizontal: 'right', vertical: 'top', border: BORDER, numFmt: '#,##0.00##' },
  date: { font: { name: FONT, size: 10 }, horizontal: 'center', vertical: 'top', border: BORDER, numFmt: 'yyyy-mm-dd' },
  sub: { font: { name: FONT, size: 10, bold: true }, fill: 'D9E1F2', vertical: 'top', border: BORDER },
  subInt: { font: { name: FONT, size: 10, bold: true }, fill: 'D9E1F2', horizontal: 'center', vertical: 'top', border: BORDER, numFmt: '0' },
  subAmount: { font: { name: FONT, size: 10, bold: true }, fill: 'D9E1F2', horizontal: 'right', vertical: 'top', border: BORDER, numFmt: '#,##0.00' },
  total: { font: { name: FONT, size: 11, bold: true, color: 'FFFFFF' }, fill: '1F3864', vertical: 'top', border: BORDER },
  totalInt: { font: { name: FONT, size: 11, bold: true, color: 'FFFFFF' }, fill: '1F3864', horizontal: 'center', vertical: 'top', border: BORDER, numFmt: '0' },
  totalAmount: { font: { name: FONT, size: 11, bold: true, color: 'FFFFFF' }, fill: '1F3864', horizontal: 'right', vertical: 'top', border: BORDER, numFmt: '#,##0.00' },
  label: { font: { name: FONT, size: 11, bold: true }, vertical: 'top' },
  value: { font: { name: FONT, size: 11 }, vertical: 'top', numFmt: '@' },
  valueAmount: { font: { name: FONT, size: 11, bold: true }, horizontal: 'left', vertical: 'top', numFmt: '#,##0.00' },
  valueInt: { font: { name: FONT, size: 11, bold: true }, horizontal: 'left', vertical: 'top', numFmt: '0' },
  /** 数量, 次数: as typed (up to 4 decimals), never padded with zeros like money. */
  qty: { font: { name: FONT, size: 10 }, horizontal: 'right', vertical: 'top', border: BORDER, numFmt: 'General' },
  month: { font: { name: FONT, size: 8, color: '808080' }, horizontal: 'center' },
  hidden: { font: { name: FONT, size: 9 } },
  cfBad: { font: { color: '9C0006' }, fill: 'FFC7CE' },
  cfWarn: { font: { color: '9C5700' }, fill: 'FFEB9C' },
  cfGrey: { font: { color: '7F7F7F' }, fill: 'EDEDED' },
  cfGood: { font: { color: '006100' }, fill: 'C6EFCE' },
  cfBar: { fill: '5B9BD5' },
  cfMilestone: { fill: 'ED7D31' },
  cfKey: { fill: 'FFD966' },
};

const q = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

export const col = columnLetter;

export { isoToSerial } from './lazyBlock';
export type { LazyBlock } from './lazyBlock';
export { expandLazyBlock };

const t = (v: string | null | undefined, s = 'text'): CellSpec => ({ v: v ?? '', s });
const n = (v: number | null | undefined, s = 'amount'): CellSpec => (v === null || v === undefined || !Number.isFinite(v) ? { s } : { v: tidy(v), s });
const d = (iso: string | null | undefined): CellSpec => {
  const v = dateValue(iso);
  return { v, s: typeof v === 'number' ? 'date' : 'textc' };
};
const f = (formula: string, s = 'amount'): CellSpec => ({ f: formula, s });

const PRINT = (titleRows: string): PrintSpec => ({ orientation: 'landscape', paper: 'A4', titleRows, fitToWidth: true, footer: '第 &P 页 共 &N 页' });

function sheet(name: string, extra: Partial<SheetSpec> = {}): SheetSpec {
  return { name, state: 'visible', columns: [], blocks: [], formats: [], merges: [], validations: [], conditionalFormats: [], ...extra };
}

function head(title: string, subtitle: string, headers: string[]): BlockSpec {
  return {
    at: 'A1',
    rows: [[{ v: title, s: 'title' }], [{ v: subtitle, s: 'subtitle' }], headers.map((h) => ({ v: h, s: 'header' }))],
  };
}

export interface SummaryWorkbookOptions {
  /** Tables (filterable, striped) on 任务汇总 / 预算汇总 / 问题清单; false = plain auto filters. Default true. */
  tables?: boolean;
}

/** The summary with its large blocks lazy: `spec` lacks them; `lazy` maps a sheet name to its lazy blocks (after the sheet's own blocks). */
export interface LazySummaryWorkbook {
  spec: WorkbookSpec;
  lazy: Map<string, LazyBlock[]>;
}

/** Columns of 任务汇总 (letters fixed: formulas of other sheets refer to them). */
const TASK_HEADERS = ['序号', '专委会', '任务编号', '部分', '要点', '任务名称', '工作内容与目标', '负责人', '协办单位', '开始日期', '完成日期', '考核指标', '预算', '预算条数', '里程碑数', '状态', '备注', '来源文件', '来源工作表', '来源行'];
const TC = Object.fromEntries(TASK_HEADERS.map((h, i) => [h, col(i + 1)])) as Record<string, string>;
const LINE_HEADERS = ['序号', '专委会', '任务编号', '任务名称', '部分', '要点', '经费科目', '经费来源', '单价', '数量', '次数', '金额', '测算依据', '关联任务', '来源文件', '来源工作表', '来源行'];
const LC = Object.fromEntries(LINE_HEADERS.map((h, i) => [h, col(i + 1)])) as Record<string, string>;

export function describeSummaryWorkbook(model: SummaryModel, catalog: Catalog, settings: Settings, options: SummaryWorkbookOptions = {}): WorkbookSpec {
  const { spec, lazy } = describeSummaryWorkbookLazy(model, catalog, settings, options);
  for (const s of spec.sheets) {
    const extra = lazy.get(s.name);
    if (extra) s.blocks.push(...extra.map(expandLazyBlock));
  }
  return spec;
}

/** describeSummaryWorkbook with the large blocks (任务汇总, 预算汇总, 进度, 问题清单, _summary rows) left lazy. */
export function describeSummaryWorkbookLazy(model: SummaryModel, catalog: Catalog, settings: Settings, options: SummaryWorkbookOptions = {}): LazySummaryWorkbook {
  const lazy = new Map<string, LazyBlock[]>();
  const tables = options.tables ?? true;
  const unit = model.unit;
  const year = model.year;
  const S = SUMMARY_SHEETS;
  const taskLast = FIRST + Math.max(1, model.tasks.length) - 1;
  const lineLast = FIRST + Math.max(1, model.budgetLines.length) - 1;
  const tr = (c: string) => `${q(S.tasks)}!$${TC[c]}$${FIRST}:$${TC[c]}$${taskLast}`;
  const lr = (c: string) => `${q(S.lines)}!$${LC[c]}$${FIRST}:$${LC[c]}$${lineLast}`;
  const sectionLabel = new Map(model.bySection.map((s) => [s.section, `${s.numeral}、${s.title}`]));
  const sheets: SheetSpec[] = [];

  // ── 任务汇总 ──
  // 序号, 专委会, 任务编号, 部分, 要点 (a number, or the text as given), 任务名称, 工作内容与目标, 负责人, 协办单位,
  // 开始日期, 完成日期, 考核指标, 预算, 预算条数, 里程碑数, 状态, 备注, 来源文件, 来源工作表, 来源行
  const taskColumns = [NUM('int'), TEXT('textc'), TEXT('textc'), NUM('int'), { num: 'int', str: 'textc' }, TEXT(), TEXT(), TEXT('textc'), TEXT(), DATE, DATE, TEXT(), NUM('lineAmount'), NUM('int'), NUM('int'), TEXT('textc'), TEXT(), TEXT(), TEXT('textc'), NUM('int')];
  const taskValues = (i: number, o: LazyValue[]): void => {
    const x = model.tasks[i];
    o[0] = i + 1;
    o[1] = tv(x.committee);
    o[2] = tv(x.code);
    o[3] = nv(x.section);
    o[4] = x.point !== null ? nv(x.point) : tv(x.pointRaw);
    o[5] = tv(x.name);
    o[6] = tv(x.content);
    o[7] = tv(x.owner);
    o[8] = tv(x.partners);
    o[9] = dateValue(x.start);
    o[10] = dateValue(x.end);
    o[11] = tv(x.kpi);
    o[12] = nv(x.budget);
    o[13] = nv(x.lines);
    o[14] = nv(x.milestones);
    o[15] = tv(x.status);
    o[16] = tv(x.remarks);
    o[17] = tv(x.file);
    o[18] = tv(x.sheet);
    o[19] = nv(x.row);
  };
  lazy.set(S.tasks, [lazyBlock(`A${FIRST}`, model.tasks.length, taskColumns, taskValues)]);
  const widths = [6, 16, 9, 6, 6, 28, 44, 10, 14, 11, 11, 20, 11, 8, 8, 8, 16, 28, 10, 7];
  const tasksSheet = sheet(S.tasks, {
    tabColor: '2F5496',
    columns: widths.map((w, i) => ({ index: i + 1, width: w })),
    rows: [{ index: 1, height: 28 }, { index: HEADER_ROW, height: 30 }],
    blocks: [head(`${year}年工作计划任务汇总`, `共 ${model.totals.tasks} 项任务（另有草稿 ${model.totals.drafts} 项），预算单位：${unit}。来源列指明每项任务所在的文件、工作表和行。`, TASK_HEADERS)],
    freeze: { rows: HEADER_ROW, cols: 3 },
    conditionalFormats: [
      { range: `${TC['状态']}${FIRST}:${TC['状态']}${taskLast}`, formula: `$${TC['状态']}${FIRST}="有错误"`, style: 'cfBad', priority: 1 },
      { range: `${TC['状态']}${FIRST}:${TC['状态']}${taskLast}`, formula: `$${TC['状态']}${FIRST}="有警告"`, style: 'cfWarn', priority: 2 },
      { range: `${TC['状态']}${FIRST}:${TC['状态']}${taskLast}`, formula: `$${TC['状态']}${FIRST}="草稿"`, style: 'cfGrey', priority: 3 },
    ],
    print: PRINT(`${HEADER_ROW}:${HEADER_ROW}`),
  });
  const taskRange = `A${HEADER_ROW}:${col(TASK_HEADERS.length)}${taskLast}`;
  if (tables && model.tasks.length) tasksSheet.tables = [{ name: 'TaskSummary', range: taskRange, style: 'TableStyleLight9' }];
  else tasksSheet.autoFilter = taskRange;

  // ── 预算汇总 ──
  // 序号, 专委会, 任务编号, 任务名称, 部分, 要点, 经费科目, 经费来源, 单价, 数量, 次数, 金额, 测算依据, 关联任务, 来源文件, 来源工作表, 来源行
  const lineColumns = [NUM('int'), TEXT('textc'), TEXT('textc'), TEXT(), NUM('int'), NUM('int'), TEXT('textc'), TEXT('textc'), NUM('lineAmount'), NUM('qty'), NUM('qty'), NUM('lineAmount'), TEXT(), TEXT('textc'), TEXT(), TEXT('textc'), NUM('int')];
  const lineValues = (i: number, o: LazyValue[]): void => {
    const x = model.budgetLines[i];
    o[0] = i + 1;
    o[1] = tv(x.committee);
    o[2] = tv(x.taskCode);
    o[3] = tv(x.taskName);
    o[4] = nv(x.section);
    o[5] = nv(x.point);
    o[6] = tv(x.expenseCategory);
    o[7] = tv(x.fundingSource);
    o[8] = nv(x.unitPrice);
    o[9] = nv(x.quantity);
    o[10] = nv(x.times);
    o[11] = nv(x.amount);
    o[12] = tv(x.basis);
    o[13] = x.linked ? '是' : '否';
    o[14] = tv(x.file);
    o[15] = tv(x.sheet);
    o[16] = nv(x.row);
  };
  lazy.set(S.lines, [lazyBlock(`A${FIRST}`, model.budgetLines.length, lineColumns, lineValues)]);
  const linesSheet = sheet(S.lines, {
    tabColor: '2F5496',
    columns: [6, 16, 9, 24, 6, 6, 12, 12, 9, 7, 7, 11, 28, 8, 28, 10, 7].map((w, i) => ({ index: i + 1, width: w })),
    rows: [{ index: 1, height: 28 }, { index: HEADER_ROW, height: 30 }],
    blocks: [head(`${year}年预算明细汇总`, `共 ${model.totals.budgetLines} 条预算，合计 ${fmtAmount(model.totals.budget)}${unit}。“关联任务”为“否”的预算，其任务编号在任务表中不存在（见问题清单）。`, LINE_HEADERS)],
    freeze: { rows: HEADER_ROW, cols: 3 },
    conditionalFormats: [{ range: `${LC['关联任务']}${FIRST}:${LC['关联任务']}${lineLast}`, formula: `$${LC['关联任务']}${FIRST}="否"`, style: 'cfBad', priority: 1 }],
    print: PRINT(`${HEADER_ROW}:${HEADER_ROW}`),
  });
  const lineRange = `A${HEADER_ROW}:${col(LINE_HEADERS.length)}${lineLast}`;
  if (tables && model.budgetLines.length) linesSheet.tables = [{ name: 'BudgetSummary', range: lineRange, style: 'TableStyleLight9' }];
  else linesSheet.autoFilter = lineRange;

  // ── 按要点 ──
  const pRows: (CellSpec | null)[][] = [];
  const pointRowRanges: string[] = [];
  const subRows: number[] = [];
  const sectionRefs: { label: string; row: number }[] = [];
  const pointCfs: ConditionalFormatSpec[] = [];
  let prio = 1;
  for (const s of model.bySection) {
    const start = FIRST + pRows.length;
    for (const p of model.byPoint.filter((x) => x.section === s.section)) {
      const r = FIRST + pRows.length;
      pRows.push([
        t(sectionLabel.get(s.section) ?? String(s.section)),
        n(p.point, 'int'),
        t(p.title),
        t(p.committees.join('、')),
        f(`COUNTIFS(${tr('要点')},$B${r},${tr('状态')},"<>草稿")`, 'int'),
        f(`COUNTIFS(${tr('要点')},$B${r},${tr('状态')},"草稿")`, 'int'),
        f(`SUMIFS(${lr('金额')},${lr('要点')},$B${r})`),
        t(p.uncoveredMeasures.length ? p.uncoveredMeasures.map((m) => `第${m}项`).join('、') : ''),
      ]);
    }
    const end = FIRST + pRows.length - 1;
    const r = FIRST + pRows.length;
    if (end >= start) {
      pointRowRanges.push(`A${start}:H${end}`);
      pointCfs.push({ range: `A${start}:H${end}`, formula: `$E${start}=0`, style: 'cfBad', priority: prio++ });
      pointCfs.push({ range: `H${start}:H${end}`, formula: `LEN($H${start})>0`, style: 'cfWarn', priority: prio++ });
    }
    pRows.push([
      t(`${sectionLabel.get(s.section) ?? s.section} 小计`, 'sub'),
      { s: 'sub' },
      { s: 'sub' },
      { s: 'sub' },
      f(end >= start ? `SUM(E${start}:E${end})` : '0', 'subInt'),
      f(end >= start ? `SUM(F${start}:F${end})` : '0', 'subInt'),
      f(end >= start ? `SUM(G${start}:G${end})` : '0', 'subAmount'),
      { s: 'sub' },
    ]);
    subRows.push(r);
    sectionRefs.push({ label: `${s.numeral}、${s.title.length > 14 ? s.title.slice(0, 13) + '…' : s.title}`, row: r });
  }
  const unassignedRow = FIRST + pRows.length;
  const sumSubs = (c: string) => (subRows.length ? subRows.map((r) => `${c}${r}`).join('+') : '0');
  pRows.push([
    t('未对应要点（任务无要点或预算未关联任务）', 'sub'),
    { s: 'sub' },
    { s: 'sub' },
    { s: 'sub' },
    f(`COUNTIFS(${tr('状态')},"<>草稿")-(${sumSubs('E')})`, 'subInt'),
    f(`COUNTIFS(${tr('状态')},"草稿")-(${sumSubs('F')})`, 'subInt'),
    f(`SUM(${lr('金额')})-(${sumSubs('G')})`, 'subAmount'),
    { s: 'sub' },
  ]);
  const grandRow = FIRST + pRows.length;
  pRows.push([t('合计', 'total'), { s: 'total' }, { s: 'total' }, { s: 'total' }, f(`${sumSubs('E')}+E${unassignedRow}`, 'totalInt'), f(`${sumSubs('F')}+F${unassignedRow}`, 'totalInt'), f(`${sumSubs('G')}+G${unassignedRow}`, 'totalAmount'), { s: 'total' }]);
  // Side blocks for charts: budget by section, coverage.
  const side: (CellSpec | null)[][] = [[{ v: '部分', s: 'header' }, { v: '任务数', s: 'header' }, { v: `预算（${unit}）`, s: 'header' }]];
  for (const s of sectionRefs) side.push([t(s.label), f(`E${s.row}`, 'int'), f(`G${s.row}`)]);
  const covTop = FIRST + side.length + 1;
  const pointsRange = (c: string) => `${c}${FIRST}:${c}${grandRow}`;
  const coverage: (CellSpec | null)[][] = [
    [{ v: '要点覆盖', s: 'header' }, { v: '要点数', s: 'header' }],
    [t('已有任务'), f(`COUNTIFS(${pointsRange('B')},">0",${pointsRange('E')},">0")`, 'int')],
    [t('没有任务'), f(`COUNTIFS(${pointsRange('B')},">0",${pointsRange('E')},0)`, 'int')],
  ];
  const charts: ChartSpec[] = [
    { kind: 'column', title: `各部分预算（${unit}）`, categories: `${q(S.points)}!$J$${FIRST}:$J$${FIRST + sectionRefs.length - 1}`, series: [{ name: '预算', values: `${q(S.points)}!$L$${FIRST}:$L$${FIRST + sectionRefs.length - 1}` }], anchor: { at: `J${covTop + 5}`, cols: 7, rows: 16 } },
    { kind: 'pie', title: '要点覆盖情况', categories: `${q(S.points)}!$J$${covTop + 1}:$J$${covTop + 2}`, series: [{ name: '要点数', values: `${q(S.points)}!$K$${covTop + 1}:$K$${covTop + 2}` }], anchor: { at: `J${covTop + 22}`, cols: 7, rows: 14 } },
  ];
  const pointsSheet = sheet(S.points, {
    tabColor: '548235',
    columns: [26, 6, 26, 24, 8, 8, 12, 16, 2, 24, 9, 14].map((w, i) => ({ index: i + 1, width: w })),
    rows: [{ index: 1, height: 28 }, { index: HEADER_ROW, height: 30 }],
    blocks: [
      head(`${year}年工作要点落实情况`, `任务数、预算为对“任务汇总”“预算汇总”的实时公式；红色 = 该要点没有确认的任务；黄色 = 有举措尚无任务。预算单位：${unit}。`, ['部分', '要点', '标题', '责任专委会', '任务数', '草稿数', `预算（${unit}）`, '未覆盖举措']),
      { at: `A${FIRST}`, rows: pRows },
      { at: `J${HEADER_ROW}`, rows: side },
      { at: `J${covTop}`, rows: coverage },
    ],
    freeze: { rows: HEADER_ROW, cols: 0 },
    conditionalFormats: pointCfs,
    charts,
    print: PRINT(`${HEADER_ROW}:${HEADER_ROW}`),
  });
  void pointRowRanges;

  // ── 按专委会 ──
  const cRows: (CellSpec | null)[][] = model.byCommittee.map((c, i) => {
    const r = FIRST + i;
    const file = model.roster.find((x) => x.committeeId === c.committeeId && x.status === c.status)?.fileName ?? '';
    return [
      t(c.committee),
      t(c.status, 'textc'),
      f(`COUNTIFS(${tr('专委会')},$A${r},${tr('状态')},"<>草稿")`, 'int'),
      f(`COUNTIFS(${tr('专委会')},$A${r},${tr('状态')},"草稿")`, 'int'),
      f(`SUMIFS(${lr('金额')},${lr('专委会')},$A${r})`),
      n(c.ceiling),
      f(`IF(ISNUMBER($F${r}),$F${r}-$E${r},"")`),
      t(file),
    ];
  });
  const cLast = FIRST + cRows.length - 1;
  const cTotal = cLast + 1;
  cRows.push([t('合计', 'total'), { s: 'total' }, f(`SUM(C${FIRST}:C${cLast})`, 'totalInt'), f(`SUM(D${FIRST}:D${cLast})`, 'totalInt'), f(`SUM(E${FIRST}:E${cLast})`, 'totalAmount'), f(`SUM(F${FIRST}:F${cLast})`, 'totalAmount'), f(`SUM(G${FIRST}:G${cLast})`, 'totalAmount'), { s: 'total' }]);
  const committeesSheet = sheet(S.committees, {
    tabColor: '548235',
    columns: [22, 8, 8, 8, 12, 12, 12, 36].map((w, i) => ({ index: i + 1, width: w })),
    rows: [{ index: 1, height: 28 }, { index: HEADER_ROW, height: 30 }],
    blocks: [
      head(`${year}年各专委会预算与控制数`, `预算为对“预算汇总”的实时公式；红色 = 超过控制数。预算单位：${unit}。`, ['专委会', '状态', '任务数', '草稿数', `预算（${unit}）`, `控制数（${unit}）`, `结余（${unit}）`, '文件']),
      { at: `A${FIRST}`, rows: cRows },
    ],
    freeze: { rows: HEADER_ROW, cols: 1 },
    conditionalFormats: [
      { range: `A${FIRST}:G${cLast}`, formula: `AND(ISNUMBER($F${FIRST}),$E${FIRST}>$F${FIRST})`, style: 'cfBad', priority: 1 },
      { range: `B${FIRST}:B${cLast}`, formula: `OR($B${FIRST}="未提交",$B${FIRST}="有错误")`, style: 'cfWarn', priority: 2 },
    ],
    charts: [
      {
        kind: 'column',
        title: `各专委会预算与控制数（${unit}）`,
        categories: `${q(S.committees)}!$A$${FIRST}:$A$${cLast}`,
        series: [
          { name: '预算', values: `${q(S.committees)}!$E$${FIRST}:$E$${cLast}` },
          { name: '控制数', values: `${q(S.committees)}!$F$${FIRST}:$F$${cLast}` },
        ],
        anchor: { at: `A${cTotal + 3}`, cols: 8, rows: 18 },
      },
    ],
    print: PRINT(`${HEADER_ROW}:${HEADER_ROW}`),
  });

  // ── 经费 ──
  const committees = catalog.committees;
  const fundsBlock = (title: string, dim: string, rows: string[], top: number): { block: BlockSpec; height: number } => {
    const out: (CellSpec | null)[][] = [[{ v: title, s: 'header' }, ...committees.map((c) => ({ v: c.name, s: 'header' })), { v: '合计', s: 'header' }]];
    rows.forEach((name, i) => {
      const r = top + 1 + i;
      out.push([
        t(name),
        ...committees.map((_, j) => f(`SUMIFS(${lr('金额')},${lr(dim)},$A${r},${lr('专委会')},${col(j + 2)}$${top})`)),
        f(`SUM(B${r}:${col(committees.length + 1)}${r})`, 'subAmount'),
      ]);
    });
    const last = top + rows.length;
    out.push([t('合计', 'total'), ...committees.map((_, j) => f(`SUM(${col(j + 2)}${top + 1}:${col(j + 2)}${Math.max(top + 1, last)})`, 'totalAmount')), f(`SUM(${col(committees.length + 2)}${top + 1}:${col(committees.length + 2)}${Math.max(top + 1, last)})`, 'totalAmount')]);
    return { block: { at: `A${top}`, rows: out }, height: out.length };
  };
  const catBlock = fundsBlock('经费科目', '经费科目', model.byCategory.rows, HEADER_ROW);
  const srcTop = HEADER_ROW + catBlock.height + 2;
  const srcBlock = fundsBlock('经费来源', '经费来源', model.bySource.rows, srcTop);
  const fundsSheet = sheet(S.funds, {
    tabColor: '548235',
    columns: [{ index: 1, width: 16 }, ...committees.map((_, j) => ({ index: j + 2, width: 14 })), { index: committees.length + 2, width: 14 }],
    rows: [{ index: 1, height: 28 }],
    blocks: [{ at: 'A1', rows: [[{ v: `${year}年经费科目、经费来源 × 专委会`, s: 'title' }], [{ v: `金额为对“预算汇总”的实时公式。单位：${unit}。`, s: 'subtitle' }]] }, catBlock.block, srcBlock.block],
    freeze: { rows: HEADER_ROW, cols: 1 },
    print: PRINT(`${HEADER_ROW}:${HEADER_ROW}`),
  });

  // ── 进度 ──
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const tlValues = (i: number, o: LazyValue[]): void => {
    const x = model.timeline[i];
    o[0] = tv(x.committee);
    o[1] = x.kind === 'task' ? '任务' : '里程碑';
    o[2] = tv(x.code);
    o[3] = tv(x.name);
    o[4] = dateValue(x.start);
    o[5] = dateValue(x.end);
  };
  lazy.set(S.timeline, [lazyBlock(`A${FIRST}`, model.timeline.length, [TEXT('textc'), TEXT('textc'), TEXT('textc'), TEXT(), DATE, DATE], tlValues)]);
  const tlLast = FIRST + Math.max(1, model.timeline.length) - 1;
  const mFirst = 'G', mLast = col(6 + 12);
  const inMonth = `AND(ISNUMBER($E${FIRST}),ISNUMBER($F${FIRST}),$E${FIRST}<=DATE(${year},G$2+1,0),$F${FIRST}>=DATE(${year},G$2,1))`;
  const kdTop = HEADER_ROW;
  const kdCol = col(6 + 12 + 2);
  const kd: (CellSpec | null)[][] = [[{ v: '关键日期', s: 'header' }, { v: '事项', s: 'header' }, { v: '要点', s: 'header' }, { v: '原文', s: 'header' }]];
  for (const k of model.keyDates) kd.push([d(k.date), t(k.event), n(k.point, 'int'), t(k.label)]);
  const timelineSheet = sheet(S.timeline, {
    tabColor: 'BF8F00',
    columns: [
      ...[16, 8, 9, 30, 11, 11].map((w, i) => ({ index: i + 1, width: w })),
      ...months.map((m) => ({ index: 6 + m, width: 5 })),
      { index: 19, width: 2 },
      { index: 20, width: 11 },
      { index: 21, width: 22 },
      { index: 22, width: 6 },
      { index: 23, width: 24 },
    ],
    rows: [{ index: 1, height: 28 }, { index: HEADER_ROW, height: 24 }],
    blocks: [
      { at: 'A1', rows: [[{ v: `${year}年工作进度（按月）`, s: 'title' }], [{ v: '蓝色 = 任务进行中的月份；橙色 = 里程碑所在月份。第 2 行为月份数字（公式用）。', s: 'subtitle' }, null, null, null, null, null, ...months.map((m) => ({ v: m, s: 'month' }))], [...['专委会', '类型', '任务编号', '名称', '开始', '完成'].map((h) => ({ v: h, s: 'header' })), ...months.map((m) => ({ v: `${m}月`, s: 'header' }))]] },
      { at: `${kdCol}${kdTop}`, rows: kd },
    ],
    freeze: { rows: HEADER_ROW, cols: 4 },
    conditionalFormats: [
      { range: `${mFirst}${FIRST}:${mLast}${tlLast}`, formula: `AND($B${FIRST}="里程碑",${inMonth})`, style: 'cfMilestone', priority: 1 },
      { range: `${mFirst}${FIRST}:${mLast}${tlLast}`, formula: inMonth, style: 'cfBar', priority: 2 },
    ],
    autoFilter: `A${HEADER_ROW}:F${tlLast}`,
    print: PRINT(`${HEADER_ROW}:${HEADER_ROW}`),
  });

  // ── 问题清单 ──
  const sev = { error: '错误', warning: '警告', info: '提示' } as const;
  const fValues = (i: number, o: LazyValue[]): void => {
    const x = model.findings[i];
    o[0] = i + 1;
    o[1] = sev[x.severity];
    o[2] = tv(x.file);
    o[3] = tv(x.sheet);
    o[4] = x.column && x.row ? `${x.column}${x.row}` : x.row ? `第${x.row}行` : '';
    o[5] = tv(x.code);
    o[6] = tv(x.message.zh);
    o[7] = x.fix ? tv(x.fix.zh) : '';
    o[8] = rawText(x.raw);
  };
  const fColumns = [NUM('int'), TEXT('textc'), TEXT(), TEXT('textc'), TEXT('textc'), TEXT('textc'), TEXT(), TEXT(), TEXT()];
  lazy.set(S.findings, [lazyBlock(`A${FIRST}`, model.findings.length, fColumns, fValues)]);
  const fLast = FIRST + Math.max(1, model.findings.length) - 1;
  const findingsSheet = sheet(S.findings, {
    tabColor: 'C00000',
    columns: [6, 7, 28, 10, 8, 22, 50, 36, 20].map((w, i) => ({ index: i + 1, width: w })),
    rows: [{ index: 1, height: 28 }, { index: HEADER_ROW, height: 30 }],
    blocks: [
      head(`${year}年汇总问题清单`, `共 ${model.findings.length} 条：错误 ${model.totals.errors}，警告 ${model.totals.warnings}，提示 ${model.totals.infos}。每条注明文件、工作表和单元格。`, ['序号', '级别', '文件', '工作表', '单元格', '代码', '问题', '修改建议', '原值']),
    ],
    freeze: { rows: HEADER_ROW, cols: 0 },
    conditionalFormats: [
      { range: `B${FIRST}:B${fLast}`, formula: `$B${FIRST}="错误"`, style: 'cfBad', priority: 1 },
      { range: `B${FIRST}:B${fLast}`, formula: `$B${FIRST}="警告"`, style: 'cfWarn', priority: 2 },
    ],
    print: PRINT(`${HEADER_ROW}:${HEADER_ROW}`),
  });
  const fRange = `A${HEADER_ROW}:I${fLast}`;
  if (tables && model.findings.length) findingsSheet.tables = [{ name: 'Findings', range: fRange, style: 'TableStyleLight10' }];
  else findingsSheet.autoFilter = fRange;

  // ── 封面 ──
  const coverRows: (CellSpec | null)[][] = [
    [{ v: `${model.organisation}${year}年工作计划汇总`, s: 'title' }],
    [t('汇总时间', 'label'), t(beijingTime(model.generatedAt), 'value')],
    [t('计划年度', 'label'), n(year, 'value')],
    [t('预算单位', 'label'), t(unit, 'value')],
    [t('工作要点', 'label'), t(`${catalog.title ? `${fillRegion(catalog.title, model.region)}：` : ''}${catalog.sections.length} 个部分、${catalog.points.length} 条要点`, 'value')],
    [t('提交情况', 'label'), t(`${model.totals.accepted}/${catalog.committees.length} 个专委会已提交；拒收 ${model.totals.refused} 个文件，被替换 ${model.totals.replaced} 个`, 'value')],
    [t('任务数', 'label'), f(`COUNTIFS(${tr('状态')},"<>草稿")`, 'valueInt')],
    [t(`预算合计（${unit}）`, 'label'), f(`ROUND(SUM(${lr('金额')}),2)`, 'valueAmount')],
    [t('问题', 'label'), t(`错误 ${model.totals.errors}，警告 ${model.totals.warnings}，提示 ${model.totals.infos}（见“问题清单”）`, 'value')],
    [],
  ];
  const rosterTop = coverRows.length + 1;
  // Who sent what, for leadership; the technical details of each file (SHA-256, template version) are on 文件信息.
  const rosterHeaders = ['专委会', '状态', '文件名', '令牌', '提交版本', '提交时间', '保存时间', '任务数', `预算（${unit}）`, '错误', '警告', '说明'];
  coverRows.push(rosterHeaders.map((h) => ({ v: h, s: 'header' })));
  const savedText = (r: { savedAt: string; modifiedAt: string }) => (r.savedAt ? beijingTime(r.savedAt) : r.modifiedAt ? `${beijingTime(r.modifiedAt)}（文件修改时间）` : '');
  for (const r of model.roster)
    coverRows.push([
      t(r.committee || '（未知）'),
      t(r.status, 'textc'),
      t(r.fileName),
      // The committee token (core/plan/token.ts): 已验证 / 未验证（未设置密钥） / 无令牌 / 令牌不符.
      t(r.token ? TOKEN_LABEL[r.token].zh : '', 'textc'),
      t(r.submissionVersion, 'textc'),
      t(submittedText(r), 'textc'),
      // The workbook's own saved time; else the file's modification time, said so.
      t(savedText(r), 'textc'),
      n(r.tasks, 'int'),
      n(r.budget),
      n(r.errors, 'int'),
      n(r.warnings, 'int'),
      // Why a file was refused or replaced; for the file that counts over others, why it does.
      t((r.reason ?? r.basis)?.zh ?? ''),
    ]);
  const rosterLast = rosterTop + model.roster.length;
  const coverSheet = sheet(S.cover, {
    tabColor: '1F3864',
    columns: [22, 10, 30, 18, 9, 34, 24, 8, 12, 7, 7, 50].map((w, i) => ({ index: i + 1, width: w })),
    rows: [{ index: 1, height: 34 }],
    blocks: [{ at: 'A1', rows: coverRows }],
    merges: ['A1:L1'],
    conditionalFormats: [
      { range: `A${rosterTop + 1}:L${Math.max(rosterTop + 1, rosterLast)}`, formula: `OR($B${rosterTop + 1}="未提交",$B${rosterTop + 1}="已拒收")`, style: 'cfBad', priority: 1 },
      { range: `A${rosterTop + 1}:L${Math.max(rosterTop + 1, rosterLast)}`, formula: `$B${rosterTop + 1}="有错误"`, style: 'cfWarn', priority: 2 },
      { range: `A${rosterTop + 1}:L${Math.max(rosterTop + 1, rosterLast)}`, formula: `$B${rosterTop + 1}="被替换"`, style: 'cfGrey', priority: 3 },
    ],
    print: PRINT(`${rosterTop}:${rosterTop}`),
  });

  // ── 文件信息 (technical: which bytes were read) ──
  const fileRows: (CellSpec | null)[][] = [
    [{ v: `${year}年汇总所读文件`, s: 'title' }],
    [{ v: `每个文件的内容哈希（SHA-256）、模板版本和各项时间，用于核对所读文件与报送文件是否一致。工作要点内容哈希：${model.catalogHash}。`, s: 'subtitle' }],
    ['专委会', '状态', '文件名', 'SHA-256', '令牌', '模板版本', '提交版本', '提交时间', '保存时间'].map((h) => ({ v: h, s: 'header' })),
  ];
  for (const r of model.roster)
    if (r.fileName)
      fileRows.push([t(r.committee || '（未知）'), t(r.status, 'textc'), t(r.fileName), t(r.sha256, 'hash'), t(r.token ? TOKEN_LABEL[r.token].zh : '', 'textc'), t(r.templateVersion, 'textc'), t(r.submissionVersion, 'textc'), t(beijingTime(r.submittedAt), 'textc'), t(savedText(r), 'textc')]);
  const filesSheet = sheet(S.files, {
    tabColor: '7F7F7F',
    columns: [22, 10, 30, 50, 18, 9, 9, 24, 24].map((w, i) => ({ index: i + 1, width: w })),
    rows: [{ index: 1, height: 28 }, { index: HEADER_ROW, height: 24 }],
    blocks: [{ at: 'A1', rows: fileRows }],
    freeze: { rows: HEADER_ROW, cols: 0 },
    print: PRINT(`${HEADER_ROW}:${HEADER_ROW}`),
  });

  sheets.push(coverSheet, tasksSheet, linesSheet, pointsSheet, committeesSheet, fundsSheet, timelineSheet, findingsSheet);

  // ── 变更 ──
  if (model.changes) {
    const ch = model.changes;
    const kind = { added: '新增', removed: '删除', changed: '修改' } as const;
    const label: Record<string, string> = { point: '要点', name: '任务名称', owner: '负责人', start: '开始日期', end: '完成日期', budget: '预算' };
    const rows: (CellSpec | null)[][] = [
      [{ v: `${year}年汇总变更（与 ${ch.previousGeneratedAt ? beijingTime(ch.previousGeneratedAt) + '的汇总' : '上次汇总'} 相比）`, s: 'title' }],
      [{ v: `新增 ${ch.tasks.filter((x) => x.kind === 'added').length} 项，删除 ${ch.tasks.filter((x) => x.kind === 'removed').length} 项，修改 ${ch.tasks.filter((x) => x.kind === 'changed').length} 项。任务按“专委会 + 任务编号”对应。`, s: 'subtitle' }],
      ['变化', '专委会', '任务编号', '任务名称', '变化内容', `原预算（${unit}）`, `现预算（${unit}）`, `差额（${unit}）`].map((h) => ({ v: h, s: 'header' })),
    ];
    for (const x of ch.tasks) {
      const r = rows.length + 1;
      rows.push([
        t(kind[x.kind], 'textc'),
        t(x.committee, 'textc'),
        t(x.code, 'textc'),
        t(x.name),
        t(Object.entries(x.fields).map(([k, [a, b]]) => `${label[k] ?? k}：${a || '（空）'} → ${b || '（空）'}`).join('；')),
        n(x.budgetBefore),
        n(x.budgetAfter),
        f(`G${r}-F${r}`),
      ]);
    }
    rows.push([]);
    rows.push(['要点', `上次（${unit}）`, `本次（${unit}）`, `差额（${unit}）`].map((h) => ({ v: h, s: 'header' })));
    for (const p of ch.byPoint) {
      const r = rows.length + 1;
      rows.push([n(p.point, 'int'), n(p.before), n(p.after), f(`C${r}-B${r}`)]);
    }
    rows.push([]);
    rows.push(['专委会', `上次（${unit}）`, `本次（${unit}）`, `差额（${unit}）`].map((h) => ({ v: h, s: 'header' })));
    for (const c of ch.byCommittee) {
      const r = rows.length + 1;
      rows.push([t(c.committee), n(c.before), n(c.after), f(`C${r}-B${r}`)]);
    }
    sheets.push(
      sheet(S.changes, {
        tabColor: '7030A0',
        columns: [10, 16, 10, 28, 50, 12, 12, 12].map((w, i) => ({ index: i + 1, width: w })),
        blocks: [{ at: 'A1', rows }],
        freeze: { rows: HEADER_ROW, cols: 0 },
        print: PRINT(`${HEADER_ROW}:${HEADER_ROW}`),
      }),
    );
  }

  sheets.push(filesSheet);

  // ── _summary (very hidden, machine-readable) ──
  const mrows: (CellSpec | null)[][] = [
    [{ v: SUMMARY_MARKER }, { v: SUMMARY_FORMAT }],
    [{ v: 'meta' }, { v: 'generatedAt' }, { v: model.generatedAt }],
    [{ v: 'meta' }, { v: 'year' }, { v: String(year) }],
    [{ v: 'meta' }, { v: 'catalogHash' }, { v: model.catalogHash }],
    [{ v: 'meta' }, { v: 'unit' }, { v: unit }],
    [{ v: 'meta' }, { v: 'organisation' }, { v: model.organisation }],
    [{ v: 'meta' }, { v: 'region' }, { v: model.region }],
  ];
  const seen = new Set<string>();
  const machineTasks: number[] = [];
  model.tasks.forEach((x, i) => {
    if (x.draft || seen.has(x.key)) return;
    seen.add(x.key);
    machineTasks.push(i);
  });
  const machineValues = (i: number, o: LazyValue[]): void => {
    const x = model.tasks[machineTasks[i]];
    o[0] = 'task';
    o[1] = x.key;
    o[2] = x.committeeId;
    o[3] = x.code;
    o[4] = x.point === null ? '' : x.point;
    o[5] = x.name;
    o[6] = x.owner;
    o[7] = x.start ?? '';
    o[8] = x.end ?? '';
    o[9] = x.budget;
  };
  const mtail: LazyValue[][] = [];
  for (const p of model.byPoint) mtail.push(['point', String(p.point), p.budget]);
  for (const c of model.byCommittee) mtail.push(['committee', c.committeeId, c.budget]);
  const mTasksAt = mrows.length + 1;
  // Block order: meta, the task rows (lazy), the point and committee rows.
  lazy.set(S.machine, [
    lazyBlock(`A${mTasksAt}`, machineTasks.length, Array<LazyColumn>(10).fill(PLAIN), machineValues),
    lazyBlock(`A${mTasksAt + machineTasks.length}`, mtail.length, [PLAIN, PLAIN, PLAIN], (i, o) => {
      const r = mtail[i];
      for (let j = 0; j < 3; j++) o[j] = r[j];
    }),
  ]);
  sheets.push(sheet(S.machine, { state: 'veryHidden', blocks: [{ at: 'A1', rows: mrows }] }));

  void STATUS_EN;
  return {
    spec: {
      sheets,
      styles: STYLES,
      names: [],
      properties: { title: `${model.organisation}${year}年工作计划汇总`, creator: '计划预算编制助手', created: model.generatedAt },
    },
    lazy,
  };
}

/** Money in a sentence: two decimals with thousands separators ("1,234.50"), without float noise. */
export function fmtAmount(x: number): string {
  return tidy(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/**
 * The 提交时间 of a roster line: the 提交 stamp in 北京时间; for a file never stamped, that it was
 * not submitted and when the file was saved (its own saved time, else its modification time); ""
 * for a committee that sent no file.
 */
export function submittedText(r: { fileName: string; submittedAt: string; savedAt: string; modifiedAt: string }): string {
  if (r.submittedAt) return beijingTime(r.submittedAt);
  if (!r.fileName) return '';
  if (r.savedAt) return `未提交（文件保存于 ${beijingClock(r.savedAt)} 北京时间）`;
  if (r.modifiedAt) return `未提交（文件修改于 ${beijingClock(r.modifiedAt)} 北京时间）`;
  return '未提交';
}

function rawText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (raw instanceof Date) return isoDay(raw);
  if (typeof raw === 'object') {
    const o = raw as Record<string, unknown>;
    if ('formula' in o) return `=${String(o.formula)}`;
    if ('error' in o) return String(o.error);
    return JSON.stringify(raw);
  }
  return String(raw);
}

/** File name of the summary: "2023年工作计划汇总.xlsx". */
export function summaryFileName(year: number): string {
  return `${year}年工作计划汇总.xlsx`;
}

const cellText = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDay(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('result' in o) return cellText(o.result);
    if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('text' in o) return String(o.text);
    return '';
  }
  return String(v);
};
const cellNum = (v: unknown): number => {
  const x = typeof v === 'number' ? v : Number(cellText(v));
  return Number.isFinite(x) ? x : 0;
};

/**
 * Read a previous summary back from the grid of its _summary sheet (row 1 first). Pure.
 * Returns null when the grid is not a summary's machine part.
 */
export function readPreviousSummary(rows: unknown[][]): PreviousSummary | null {
  if (!rows.length || cellText(rows[0]?.[0]) !== SUMMARY_MARKER) return null;
  const out: PreviousSummary = { generatedAt: '', year: null, tasks: [], budgetByPoint: {}, budgetByCommittee: {} };
  for (const r of rows.slice(1)) {
    if (!r) continue;
    const kind = cellText(r[0]);
    if (kind === 'meta') {
      const k = cellText(r[1]), v = cellText(r[2]);
      if (k === 'generatedAt') out.generatedAt = v;
      if (k === 'year') out.year = Number(v) || null;
    } else if (kind === 'task') {
      const p = cellText(r[4]);
      out.tasks.push({
        key: cellText(r[1]),
        committeeId: cellText(r[2]),
        code: cellText(r[3]),
        point: p === '' ? null : Number(p),
        name: cellText(r[5]),
        owner: cellText(r[6]),
        start: cellText(r[7]) || null,
        end: cellText(r[8]) || null,
        budget: cellNum(r[9]),
      });
    } else if (kind === 'point') out.budgetByPoint[cellText(r[1])] = cellNum(r[2]);
    else if (kind === 'committee') out.budgetByCommittee[cellText(r[1])] = cellNum(r[2]);
  }
  return out;
}

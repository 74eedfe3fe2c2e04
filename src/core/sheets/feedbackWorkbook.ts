/**
 * The 退回意见 copy for one committee: its submission as it was read (every row at its original
 * row number and column, text stays text), each finding as a note on its cell (cells with an error
 * or a warning coloured), and a 修改意见 sheet listing every finding. Pure; rendered by the hosts.
 * The copy keeps the hidden key row and the _meta sheet, so it can be read back like a submission.
 */
import { cellTextPieces } from '../limits';
import { beijingTime, isoDay } from '../util/time';
import type { RawSubmission } from '../plan/types';
import type { Finding } from '../validate/types';
import { COLUMNS_BY_SHEET, SHEET_NAMES } from './columns';
import type { CellSpec, SheetSpec, StyleSpec, WorkbookSpec } from './spec';
import { col, isoToSerial } from './summaryWorkbook';

export const FEEDBACK_SHEET = '修改意见';

const FONT = '宋体';
const BORDER = 'BFBFBF';
const STYLES: Record<string, StyleSpec> = {
  title: { font: { name: FONT, size: 16, bold: true, color: '1F3864' }, vertical: 'middle' },
  subtitle: { font: { name: FONT, size: 10, color: '595959' } },
  key: { font: { name: FONT, size: 8, color: '808080' }, fill: 'F2F2F2' },
  header: { font: { name: FONT, size: 11, bold: true, color: 'FFFFFF' }, fill: '2F5496', horizontal: 'center', vertical: 'middle', wrap: true, border: BORDER },
  text: { font: { name: FONT, size: 10 }, vertical: 'top', wrap: true, border: BORDER, numFmt: '@' },
  num: { font: { name: FONT, size: 10 }, vertical: 'top', border: BORDER, numFmt: 'General' },
  date: { font: { name: FONT, size: 10 }, vertical: 'top', border: BORDER, numFmt: 'yyyy-mm-dd' },
  textError: { font: { name: FONT, size: 10, color: '9C0006' }, fill: 'FFC7CE', vertical: 'top', wrap: true, border: BORDER, numFmt: '@' },
  numError: { font: { name: FONT, size: 10, color: '9C0006' }, fill: 'FFC7CE', vertical: 'top', border: BORDER, numFmt: 'General' },
  dateError: { font: { name: FONT, size: 10, color: '9C0006' }, fill: 'FFC7CE', vertical: 'top', border: BORDER, numFmt: 'yyyy-mm-dd' },
  textWarning: { font: { name: FONT, size: 10, color: '9C5700' }, fill: 'FFEB9C', vertical: 'top', wrap: true, border: BORDER, numFmt: '@' },
  numWarning: { font: { name: FONT, size: 10, color: '9C5700' }, fill: 'FFEB9C', vertical: 'top', border: BORDER, numFmt: 'General' },
  dateWarning: { font: { name: FONT, size: 10, color: '9C5700' }, fill: 'FFEB9C', vertical: 'top', border: BORDER, numFmt: 'yyyy-mm-dd' },
  label: { font: { name: FONT, size: 11, bold: true } },
  value: { font: { name: FONT, size: 11 }, numFmt: '@' },
};

const SEV_ZH = { error: '错误', warning: '警告', info: '提示' } as const;

function colIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

type Tone = '' | 'Error' | 'Warning';
/** Style names per tone, built once (not concatenated per cell). */
const TONED = {
  '': { text: 'text', num: 'num', date: 'date' },
  Error: { text: 'textError', num: 'numError', date: 'dateError' },
  Warning: { text: 'textWarning', num: 'numWarning', date: 'dateWarning' },
} as const;
/** Years whose ISO day the arithmetic below gives exactly as isoToSerial(isoDay(d)) does. */
const SERIAL_FROM = Date.UTC(1000, 0, 1);
const SERIAL_TO = Date.UTC(10000, 0, 1);
const DAY_MS = 86400000;

/** Excel serial of a valid Date's UTC day: isoToSerial(isoDay(d)), by arithmetic where that is the same. */
function dateSerial(d: Date): number {
  const t = d.getTime();
  return t >= SERIAL_FROM && t < SERIAL_TO ? Math.floor(t / DAY_MS) + 25569 : isoToSerial(isoDay(d));
}

/** A raw cell value as a cell: text stays text, numbers numbers, dates date serials. */
function valueCell(v: unknown, tone: Tone): CellSpec {
  const s = TONED[tone];
  if (v === null || v === undefined) return { s: s.text };
  if (typeof v === 'string') return { v, s: s.text };
  if (v instanceof Date) {
    if (!Number.isFinite(v.getTime())) return { v: isoDay(v), s: s.text };
    return { v: dateSerial(v), s: s.date };
  }
  if (typeof v === 'number') return Number.isFinite(v) ? { v, s: s.num } : { v: String(v), s: s.text };
  if (typeof v === 'boolean') return { v, s: s.num };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('result' in o) return valueCell(o.result, tone);
    if ('error' in o) return { v: String(o.error), s: s.text };
    if ('formula' in o) return { v: '', s: s.text };
    if (Array.isArray(o.richText)) return { v: (o.richText as { text?: string }[]).map((r) => r.text ?? '').join(''), s: s.text };
    if ('text' in o) return { v: String(o.text), s: s.text };
    return { v: JSON.stringify(v), s: s.text };
  }
  return { v: String(v), s: s.text };
}

function rawText(raw: unknown): string {
  if (raw === null || raw === undefined) return '';
  if (raw instanceof Date) return isoDay(raw);
  if (typeof raw === 'object') return JSON.stringify(raw);
  return String(raw);
}

export interface FeedbackOptions {
  /** Committee name shown on 修改意见. */
  committee?: string;
  /** ISO time written on 修改意见 (default now). */
  generatedAt?: string;
  /**
   * Findings as notes on their cells (default true). A very large copy (the CLI: from
   * FEEDBACK_NOTES_UNTIL rows) is written without them: 修改意见 lists every finding with its cell,
   * the cells stay coloured, and 修改意见 says so.
   */
  notes?: boolean;
}

/** Rows (data rows + findings) up to which the CLI's feedback copy carries its findings as cell notes. */
export const FEEDBACK_NOTES_UNTIL = 5000;

export function describeFeedbackWorkbook(raw: RawSubmission, findings: Finding[], options: FeedbackOptions = {}): WorkbookSpec {
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const notes = options.notes ?? true;
  const committee = options.committee ?? raw.meta.committee ?? raw.meta.committeeId ?? '';
  // Notes per cell: sheet → row → column → findings; a finding without a column goes to column A.
  // (By row first: a data row without findings costs one lookup, not one key string per cell.)
  const byCell = new Map<string, Map<number, Map<string, Finding[]>>>();
  for (const f of findings) {
    if (!f.sheet || !f.row) continue;
    let rowsOf = byCell.get(f.sheet);
    if (!rowsOf) byCell.set(f.sheet, (rowsOf = new Map()));
    let cols = rowsOf.get(f.row);
    if (!cols) rowsOf.set(f.row, (cols = new Map()));
    const c = f.column || 'A';
    const list = cols.get(c);
    if (list) list.push(f);
    else cols.set(c, [f]);
  }
  const sheets: SheetSpec[] = [];
  // 修改意见
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const list: (CellSpec | null)[][] = [
    [{ v: `${committee} 计划工作簿修改意见`, s: 'title' }],
    [{ v: '文件', s: 'label' }, { v: raw.file, s: 'value' }],
    [{ v: '出具时间', s: 'label' }, { v: beijingTime(generatedAt), s: 'value' }],
    [{ v: '问题', s: 'label' }, { v: `错误 ${counts.error} 条，警告 ${counts.warning} 条，提示 ${counts.info} 条。请逐条修改原工作簿后重新提交；问题所在单元格在各表中已标色${notes ? '并加批注' : '（本文件行数很多，问题未逐格加批注，请按本表所列单元格查找）'}。`, s: 'value' }],
    [],
    ['序号', '级别', '工作表', '单元格', '问题', '修改建议', '原值'].map((h) => ({ v: h, s: 'header' })),
  ];
  findings.forEach((f, i) => {
    // A raw value longer than a cell holds (32,767 characters) is kept in full over continuation rows.
    const pieces = cellTextPieces(rawText(f.raw));
    const ref = f.column && f.row ? `${f.column}${f.row}` : f.row ? `第${f.row}行` : '';
    list.push([
      { v: i + 1, s: 'num' },
      { v: SEV_ZH[f.severity], s: f.severity === 'error' ? 'textError' : f.severity === 'warning' ? 'textWarning' : 'text' },
      { v: f.sheet, s: 'text' },
      { v: ref, s: 'text' },
      { v: f.message.zh, s: 'text' },
      { v: f.fix ? f.fix.zh : '', s: 'text' },
      { v: pieces[0], s: 'text' },
    ]);
    for (let k = 1; k < pieces.length; k++) list.push([null, null, { v: f.sheet, s: 'text' }, { v: ref, s: 'text' }, { v: `（接上行：原值第 ${k + 1}/${pieces.length} 段）`, s: 'text' }, null, { v: pieces[k], s: 'text' }]);
  });
  sheets.push({
    name: FEEDBACK_SHEET,
    state: 'visible',
    tabColor: 'C00000',
    columns: [6, 8, 10, 9, 56, 44, 20].map((width, i) => ({ index: i + 1, width })),
    blocks: [{ at: 'A1', rows: list }],
    formats: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
    freeze: { rows: 6, cols: 0 },
    autoFilter: `A6:G${6 + Math.max(1, findings.length)}`,
    print: { orientation: 'landscape', paper: 'A4', titleRows: '6:6', fitToWidth: true, footer: '第 &P 页 共 &N 页' },
  });
  // The data sheets as they were read.
  const kinds = [
    ['tasks', SHEET_NAMES.tasks, raw.tasks],
    ['budget', SHEET_NAMES.budget, raw.budgetLines],
    ['milestones', SHEET_NAMES.milestones, raw.milestones],
  ] as const;
  for (const [kind, name, rows] of kinds) {
    const defs = COLUMNS_BY_SHEET[kind];
    const letters = new Map<string, string>();
    defs.forEach((d, i) => letters.set(d.key, col(i + 1)));
    for (const r of rows) for (const [k, l] of Object.entries(r.columns)) if (l) letters.set(k, l);
    const width = Math.max(1, ...[...letters.values()].map(colIndex));
    const keyRow: (CellSpec | null)[] = new Array(width).fill(null);
    const headRow: (CellSpec | null)[] = new Array(width).fill(null);
    for (const [k, l] of letters) {
      const j = colIndex(l) - 1;
      const def = defs.find((x) => x.key === k);
      keyRow[j] = { v: k, s: 'key' };
      headRow[j] = { v: def ? def.header.zh : k.replace(/^extra:/, ''), s: 'header' };
    }
    // Findings about the header row (renamed, moved, extra columns) become notes on the header cells.
    const rowsOf = byCell.get(name);
    const header = rowsOf?.get(3);
    for (let j = 0; j < width; j++) {
      const fs = header?.get(col(j + 1));
      if (fs && notes) headRow[j] = { ...(headRow[j] ?? { s: 'header' }), note: fs.map((f) => `【${SEV_ZH[f.severity]}】${f.message.zh}`).join('\n') };
    }
    const blocks: SheetSpec['blocks'] = [{ at: 'A1', rows: [[{ v: `${name}（退回修改）`, s: 'title' }], keyRow, headRow] }];
    let lastRow = -1;
    const placed = [...letters].map(([k, l]) => ({ k, l, j: colIndex(l) - 1 }));
    for (const r of rows) {
      const cells: (CellSpec | null)[] = new Array(width).fill(null);
      const found = rowsOf?.get(r.source.row);
      for (const { k, l, j } of placed) {
        const fs = found?.get(l);
        const tone: Tone = fs?.some((f) => f.severity === 'error') ? 'Error' : fs?.some((f) => f.severity === 'warning') ? 'Warning' : '';
        const c = valueCell(r.cells[k], tone);
        if (fs && notes) c.note = fs.map((f) => `【${SEV_ZH[f.severity]}】${f.message.zh}${f.fix ? `\n→ ${f.fix.zh}` : ''}`).join('\n');
        cells[j] = c;
      }
      // Findings on a column not read (e.g. a missing column) go to column A of the row.
      const a = found?.get('A');
      if (a && notes && !cells[0]?.note) cells[0] = { ...(cells[0] ?? { s: 'text' }), note: a.map((f) => `【${SEV_ZH[f.severity]}】${f.message.zh}`).join('\n') };
      // rows that follow one another share a block (100,000 one-row blocks cost a writer a sweep each)
      const last = blocks[blocks.length - 1];
      if (blocks.length > 1 && r.source.row === lastRow + 1) last.rows.push(cells);
      else blocks.push({ at: `A${r.source.row}`, rows: [cells] });
      lastRow = r.source.row;
    }
    sheets.push({
      name,
      state: 'visible',
      columns: Array.from({ length: width }, (_, i) => ({ index: i + 1, width: defs[i]?.width ?? 14 })),
      rows: [{ index: 2, hidden: true }],
      blocks,
      formats: [],
      merges: [],
      validations: [],
      conditionalFormats: [],
      freeze: { rows: 3, cols: 1 },
      print: { orientation: 'landscape', paper: 'A4', titleRows: '3:3', fitToWidth: true, footer: '第 &P 页 共 &N 页' },
    });
  }
  const meta = Object.entries(raw.meta).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  sheets.push({
    name: SHEET_NAMES.meta,
    state: 'veryHidden',
    columns: [{ index: 1, width: 28 }, { index: 2, width: 40 }],
    blocks: [{ at: 'A1', rows: [[{ v: 'key' }, { v: 'value' }], ...meta.map(([k, v]) => [{ v: k }, { v: String(v) }]), [{ v: 'feedbackOf' }, { v: raw.file }]] }],
    formats: [],
    merges: [],
    validations: [],
    conditionalFormats: [],
  });
  return { sheets, styles: STYLES, names: [], properties: { title: `${committee}修改意见`, creator: '计划预算编制助手', created: generatedAt } };
}

/** "退回意见-2023年工作计划-决策咨询专委会.xlsx" */
export function feedbackFileName(submissionFile: string): string {
  return `退回意见-${submissionFile.replace(/\.xlsx$/i, '')}.xlsx`;
}

/**
 * Pure reader: grids of cell values (one per sheet, row 1 first) → RawSubmission.
 * Used by BOTH hosts (src/hosts/xlsx reads files, src/hosts/office reads the live workbook).
 *
 * Columns are mapped by the hidden stable-key row first (row 2 of our workbooks), then by header
 * text (headerKey() of the header and its aliases). Moved, renamed, extra and missing columns are
 * reported; values of extra columns are kept under `extra:<header>` so nothing typed is lost.
 * Blank rows and 任务表 group rows (“【要点 4】…”) are skipped.
 */
import { isoDay } from '../util/time';
import type { RawRow, RawSubmission } from '../plan/types';
import type { Finding, Message, Severity } from '../validate/types';
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, SHEET_NAMES, TASK_COLUMNS, headerKey } from './columns';
import type { ColumnDef } from './columns';
import { GROUP_RE, columnLetter } from './committeeWorkbook';
import { FormulaEvaluator, NO_VALUE, formulaWithoutValue } from './formulas';
import { EXCEL_CELL_TEXT } from '../limits';

export interface GridSheet {
  name: string;
  /** Cell values, row 1 first, column A first. Values: string, number, boolean, null, Date, or cell objects. */
  rows: unknown[][];
}

export interface GridInput {
  /** File name (not a path), or "" inside the live workbook. */
  file: string;
  sheets: GridSheet[];
  /** Metadata key/values; when absent they are read from the _meta sheet grid (column A key, B value). */
  meta?: Record<string, string>;
}

export const READ_CODES = {
  'read.sheet.missing': 'A data sheet is missing',
  'read.header.missing': 'No header row found',
  'read.meta.missing': 'No metadata',
  'read.column.missing': 'A column is missing',
  'read.column.renamed': 'A header was renamed',
  'read.column.moved': 'A column was moved',
  'read.column.extra': 'A column not in the template',
  'read.column.duplicate': 'A column appears twice',
  'read.sheet.renamed': 'A data sheet was renamed',
  'read.formula.noValue': 'A formula has no calculated value',
  'read.cell.tooLong': 'Cell text longer than Excel allows',
} as const;
export type ReadCode = keyof typeof READ_CODES;

type SheetKey = 'tasks' | 'budget' | 'milestones';
const SHEETS: { key: SheetKey; name: string; cols: ColumnDef[] }[] = [
  { key: 'tasks', name: SHEET_NAMES.tasks, cols: TASK_COLUMNS },
  { key: 'budget', name: SHEET_NAMES.budget, cols: BUDGET_COLUMNS },
  { key: 'milestones', name: SHEET_NAMES.milestones, cols: MILESTONE_COLUMNS },
];

function finding(
  code: ReadCode,
  severity: Severity,
  file: string,
  sheet: string,
  row: number,
  column: string,
  columnKey: string,
  message: Message,
  fix: Message | null,
  raw: unknown = null,
): Finding {
  return { severity, code, message, file, sheet, row, column, columnKey, raw, fix };
}

/** Unwrap cell objects ({formula,result}, {richText}, {text}) to a plain value for header/blank tests. */
function plain(v: unknown): unknown {
  if (v === null || v === undefined || typeof v !== 'object' || v instanceof Date) return v ?? null;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return (o.richText as { text?: string }[]).map((r) => r?.text ?? '').join('');
  if ('result' in o) return plain(o.result);
  if ('formula' in o || 'sharedFormula' in o) return null;
  if ('text' in o) return String(o.text);
  if ('error' in o) return String(o.error);
  return v;
}

/** Text that is surely not blank by its first character: printable ASCII other than a space, or a CJK ideograph. */
const surelyFilled = (c: number) => (c > 32 && c < 127) || (c >= 0x4e00 && c <= 0x9fff);

function isBlank(v: unknown): boolean {
  if (typeof v === 'string' && v.length > 0 && surelyFilled(v.charCodeAt(0))) return false;
  if (typeof v === 'number' || typeof v === 'boolean') return false;
  const p = plain(v);
  return p === null || p === undefined || (typeof p === 'string' && p.replace(/[\s\u3000\u00a0\u200b\ufeff]/g, '') === '');
}

const text = (v: unknown): string => {
  const p = plain(v);
  return p === null || p === undefined ? '' : p instanceof Date ? isoDay(p) : String(p).trim();
};

/** Read the _meta grid: column A key, column B value; a "key"/"value" header row is skipped. */
export function metaFromGrid(rows: unknown[][]): Record<string, string> {
  const meta: Record<string, string> = {};
  for (const row of rows) {
    if (!row) continue;
    const k = text(row[0]);
    if (!k || (k === 'key' && text(row[1]) === 'value')) continue;
    meta[k] = text(row[1]);
  }
  return meta;
}

interface Mapping {
  /** Column index (0-based) → key. */
  keyOf: Map<number, string>;
  headerRow: number; // 0-based
  findings: Finding[];
}

function mapColumns(file: string, sheet: string, sheetKey: SheetKey, cols: ColumnDef[], rows: unknown[][], meta: Record<string, string>): Mapping | null {
  const known = new Map(cols.map((c) => [c.key, c]));
  const byHeader = new Map<string, string>();
  for (const c of cols) byHeader.set(headerKey(c.header.zh), c.key);
  for (const c of cols) byHeader.set(headerKey(c.header.en), c.key);
  for (const c of cols) for (const a of c.aliases) if (!byHeader.has(headerKey(a))) byHeader.set(headerKey(a), c.key);
  const scan = Math.min(rows.length, 12);
  const findings: Finding[] = [];
  // 1. The stable-key row: the first row where at least 2 cells are known keys.
  let keyRow = -1;
  for (let r = 0; r < scan && keyRow < 0; r++) {
    const row = rows[r] ?? [];
    let hits = 0;
    for (const v of row) if (typeof plain(v) === 'string' && known.has(text(v))) hits++;
    if (hits >= 2) keyRow = r;
  }
  // 2. The header row: right below the key row, else the first row with ≥ 2 known headers.
  let headerRow = -1;
  const headerHits = (r: number) => (rows[r] ?? []).filter((v) => byHeader.has(headerKey(text(v)))).length;
  if (keyRow >= 0) headerRow = keyRow + 1;
  else for (let r = 0; r < scan && headerRow < 0; r++) if (headerHits(r) >= 2) headerRow = r;
  if (headerRow < 0) return null;
  const keys = keyRow >= 0 ? rows[keyRow] ?? [] : [];
  const headers = rows[headerRow] ?? [];
  let width = Math.max(keys.length, headers.length);
  for (let r = headerRow + 1; r < rows.length; r++) if (rows[r] && rows[r].length > width) width = rows[r].length; // no spread: a million rows overflow the stack
  const keyOf = new Map<number, string>();
  const colOfKey = new Map<string, number>();
  const at = (j: number) => columnLetter(j + 1);
  const rowNo = headerRow + 1;
  // Pass 1: stable keys.
  for (let j = 0; j < width; j++) {
    const k = text(keys[j]);
    if (!known.has(k)) continue;
    if (colOfKey.has(k)) {
      findings.push(finding('read.column.duplicate', 'warning', file, sheet, rowNo, at(j), k,
        { zh: `“${sheet}”第 ${at(j)} 列与第 ${at(colOfKey.get(k)!)} 列是同一列“${known.get(k)!.header.zh}”，按第 ${at(colOfKey.get(k)!)} 列读取，本列作为多余列保留。`, en: `Column ${at(j)} of "${sheet}" repeats column ${at(colOfKey.get(k)!)} ("${known.get(k)!.header.en}"); read from ${at(colOfKey.get(k)!)}, this one kept as extra.` },
        { zh: '删除重复的列。', en: 'Remove the repeated column.' }));
      continue;
    }
    keyOf.set(j, k);
    colOfKey.set(k, j);
    const h = text(headers[j]);
    const def = known.get(k)!;
    const hk = headerKey(h);
    const matches = hk === headerKey(def.header.zh) || hk === headerKey(def.header.en) || def.aliases.some((a) => headerKey(a) === hk);
    if (!matches)
      findings.push(finding('read.column.renamed', 'info', file, sheet, rowNo, at(j), k,
        { zh: `文件“${file}”工作表“${sheet}”第 ${at(j)} 列表头“${h}”已改名（原为“${def.header.zh}”），按隐藏的列标识仍读作“${def.header.zh}”。`, en: `File "${file}", sheet "${sheet}", column ${at(j)}: header "${h}" was renamed (was "${def.header.en}"); still read as "${def.header.en}" by its hidden key.` },
        { zh: `建议把表头改回“${def.header.zh}”。`, en: `Consider restoring the header "${def.header.zh}".` }, h));
  }
  // Pass 2: header text for columns without a key.
  for (let j = 0; j < width; j++) {
    if (keyOf.has(j)) continue;
    const h = text(headers[j]);
    const k = h ? byHeader.get(headerKey(h)) : undefined;
    if (k && !colOfKey.has(k)) {
      keyOf.set(j, k);
      colOfKey.set(k, j);
      continue;
    }
    // Extra column: keep its values if it has a header or any value.
    const hasData = !!h || rows.slice(headerRow + 1).some((r) => r && (!isBlank(r[j]) || formulaWithoutValue(r[j]) !== null));
    if (!hasData) continue;
    const xk = `extra:${h || at(j)}`;
    keyOf.set(j, xk);
    findings.push(finding('read.column.extra', 'warning', file, sheet, rowNo, at(j), xk,
      { zh: `文件“${file}”工作表“${sheet}”第 ${at(j)} 列“${h || '（无表头）'}”不是模板中的列；其内容已保留，但不参与校验和汇总。`, en: `File "${file}", sheet "${sheet}", column ${at(j)} "${h || '(no header)'}" is not a template column; its values are kept but not validated or consolidated.` },
      { zh: '把内容移到模板中合适的列（如“备注”），然后删除这一列。', en: 'Move its content into a template column (such as remarks) and delete the column.' }, h || null));
  }
  // Missing and moved columns.
  cols.forEach((c, i) => {
    const j = colOfKey.get(c.key);
    if (j === undefined) {
      const sev: Severity = c.required ? 'error' : c.type === 'formula' ? 'info' : 'warning';
      findings.push(finding('read.column.missing', sev, file, sheet, rowNo, '', c.key,
        { zh: `文件“${file}”工作表“${sheet}”缺少“${c.header.zh}”列。`, en: `File "${file}", sheet "${sheet}" has no "${c.header.en}" column (${c.header.zh}).` },
        { zh: `恢复“${c.header.zh}”列，或重新下载模板后填写。`, en: `Restore the "${c.header.zh}" column, or refill a fresh template.` }));
      return;
    }
    const expected = meta[`col.${sheetKey}.${c.key}`] || columnLetter(i + 1);
    if (at(j) !== expected)
      findings.push(finding('read.column.moved', 'info', file, sheet, rowNo, at(j), c.key,
        { zh: `文件“${file}”工作表“${sheet}”的“${c.header.zh}”列从第 ${expected} 列移到了第 ${at(j)} 列，已按列标识读取。`, en: `File "${file}", sheet "${sheet}": column "${c.header.en}" moved from ${expected} to ${at(j)}; read by its key.` },
        null));
  });
  return { keyOf, headerRow, findings };
}

/** Read grids into a RawSubmission. Pure. */
export function readGrid(input: GridInput): RawSubmission {
  const file = input.file;
  const byName = new Map(input.sheets.map((s) => [s.name, s]));
  const findings: Finding[] = [];
  let meta = input.meta;
  if (!meta) {
    const m = byName.get(SHEET_NAMES.meta);
    meta = m ? metaFromGrid(m.rows) : {};
  }
  if (!meta.templateVersion && !meta.committeeId)
    findings.push(finding('read.meta.missing', 'warning', file, SHEET_NAMES.meta, 0, '', '',
      { zh: `文件“${file}”没有计划工作簿的元数据（“${SHEET_NAMES.meta}”），无法确认年度、专委会和模板版本。`, en: `File "${file}" has no plan-workbook metadata ("${SHEET_NAMES.meta}"): year, committee and template version are unknown.` },
      { zh: '请使用秘书处下发的计划工作簿填写。', en: 'Fill in the plan workbook sent by the secretariat.' }));
  const out: RawSubmission = { file, meta: { ...meta }, tasks: [], budgetLines: [], milestones: [], readFindings: findings };
  // Made on the first formula cell without a value (files saved by Excel, WPS or LibreOffice have none).
  let evaluator: FormulaEvaluator | undefined;
  const allSheets = input.sheets;
  // A renamed data sheet is found by its stable keys (or headers) in a sheet of another name.
  const known = new Set<string>(Object.values(SHEET_NAMES));
  const claimed = new Set<string>();
  const score = (g: GridSheet, cols: ColumnDef[]) => {
    const keys = new Set(cols.map((c) => c.key));
    const heads = new Set(cols.flatMap((c) => [headerKey(c.header.zh), ...c.aliases.map(headerKey)]));
    let best = 0;
    for (const row of g.rows.slice(0, 12)) {
      if (!row) continue;
      let k = 0, h = 0;
      for (const v of row) {
        const t = text(v);
        if (keys.has(t)) k++;
        else if (t && heads.has(headerKey(t))) h++;
      }
      best = Math.max(best, k * 2, h);
    }
    return best;
  };
  const renamed = new Map<string, GridSheet>();
  for (const s of SHEETS) {
    if (byName.has(s.name)) continue;
    let pick: GridSheet | undefined;
    let pickScore = 0;
    for (const g of input.sheets) {
      if (known.has(g.name) || claimed.has(g.name)) continue;
      const sc = score(g, s.cols);
      // must fit this sheet better than the other data sheets
      const others = SHEETS.filter((o) => o.key !== s.key).map((o) => score(g, o.cols));
      if (sc >= 6 && sc > Math.max(...others) && sc > pickScore) {
        pick = g;
        pickScore = sc;
      }
    }
    if (pick) {
      claimed.add(pick.name);
      renamed.set(s.name, pick);
      findings.push(finding('read.sheet.renamed', 'warning', file, pick.name, 0, '', '',
        { zh: `文件“${file}”的工作表“${pick.name}”按列标识识别为“${s.name}”（工作表被改名），已按“${s.name}”读取。`, en: `File "${file}": sheet "${pick.name}" was recognised as "${s.name}" by its column keys (it was renamed) and read as such.` },
        { zh: `请把工作表名改回“${s.name}”。`, en: `Rename the sheet back to "${s.name}".` }, pick.name));
    }
  }
  for (const s of SHEETS) {
    const g = byName.get(s.name) ?? renamed.get(s.name);
    if (!g) {
      findings.push(finding('read.sheet.missing', s.key === 'tasks' ? 'error' : 'warning', file, s.name, 0, '', '',
        { zh: `文件“${file}”缺少工作表“${s.name}”。`, en: `File "${file}" has no sheet "${s.name}".` },
        { zh: `不要删除或重命名“${s.name}”；请恢复该表或重新下载模板。`, en: `Do not delete or rename "${s.name}"; restore it or refill a fresh template.` }));
      continue;
    }
    const m = mapColumns(file, g.name, s.key, s.cols, g.rows, meta);
    if (!m) {
      const hasAny = g.rows.some((r) => r && r.some((v) => !isBlank(v)));
      findings.push(finding('read.header.missing', hasAny ? 'error' : 'warning', file, s.name, 0, '', '',
        { zh: `文件“${file}”工作表“${s.name}”找不到表头行，无法读取${hasAny ? '（表中有内容未读取）' : ''}。`, en: `File "${file}", sheet "${s.name}": no header row found; nothing read${hasAny ? ' (the sheet has content)' : ''}.` },
        { zh: '恢复表头行，或把内容复制到新模板中。', en: 'Restore the header row, or copy the content into a fresh template.' }));
      continue;
    }
    for (const f of m.findings) findings.push(f);
    // One record of column letters for every row of the sheet (frozen: shared, never edited), not a copy per row.
    const letters: Record<string, string> = {};
    for (const [j, k] of m.keyOf) letters[k] = columnLetter(j + 1);
    Object.freeze(letters);
    const formulaKeys = new Set(s.cols.filter((c) => c.type === 'formula').map((c) => c.key));
    const target = s.key === 'tasks' ? out.tasks : s.key === 'budget' ? out.budgetLines : out.milestones;
    const noValue = new NoValueCells(file, g.name, s.cols, letters);
    // The mapped columns as arrays (in keyOf's order), and which of them are no input (formulas, a task's code).
    const colJ = [...m.keyOf.keys()];
    const colK = [...m.keyOf.values()];
    const notInput = colK.map((k) => formulaKeys.has(k) || (s.key === 'tasks' && k === 'code'));
    for (let r = m.headerRow + 1; r < g.rows.length; r++) {
      const row = g.rows[r];
      if (!row) continue;
      const cells: Record<string, unknown> = {};
      let input = false;
      let unknown: { key: string; formula: string }[] | null = null;
      for (let c = 0; c < colJ.length; c++) {
        const j = colJ[c], k = colK[c];
        let v = row[j] === undefined ? null : row[j];
        const f = formulaWithoutValue(v);
        if (f !== null) {
          // A formula saved without its value: ours are computed as Excel would; others stay without one.
          evaluator ??= new FormulaEvaluator(allSheets);
          const value = evaluator.valueOf(g.name, r + 1, j + 1, f);
          if (value === NO_VALUE) (unknown ??= []).push({ key: k, formula: f });
          else v = value;
        }
        cells[k] = v;
        if (typeof v === 'string' && v.length > EXCEL_CELL_TEXT) findings.push(tooLong(file, g.name, r + 1, columnLetter(j + 1), k, v));
        if (input || notInput[c] || isBlank(v)) continue;
        input = true;
      }
      if (unknown) noValue.add(r + 1, unknown, input);
      if (!input) continue;
      // A group row: only the code cell holds “【要点 n】…”.
      if (s.key === 'tasks' && GROUP_RE.test(text(cells.code))) {
        const others = [...m.keyOf.values()].filter((k) => k !== 'code' && !formulaKeys.has(k) && !isBlank(cells[k]));
        if (others.length === 0) continue;
      }
      const rr: RawRow = { source: { file, sheet: g.name, row: r + 1 }, cells, columns: letters };
      target.push(rr);
    }
    findings.push(...noValue.findings());
  }
  return out;
}

const clip = (f: string) => (f.length > 60 ? f.slice(0, 60) + '…' : f);

/**
 * Formula cells without a value that are not ours (or not computable): one finding per cell of a
 * row with input, one per column for the rows without input (a whole column of foreign formulas
 * saved by a script would otherwise give a finding per empty row).
 */
class NoValueCells {
  private readonly out: Finding[] = [];
  private readonly idle = new Map<string, { rows: number[]; formula: string }>();

  constructor(
    private readonly file: string,
    private readonly sheet: string,
    private readonly cols: ColumnDef[],
    private readonly letters: Record<string, string>,
  ) {}

  add(row: number, cells: { key: string; formula: string }[], input: boolean): void {
    for (const c of cells) {
      if (input) this.out.push(this.finding(c.key, [row], c.formula));
      else {
        const e = this.idle.get(c.key);
        if (e) e.rows.push(row);
        else this.idle.set(c.key, { rows: [row], formula: c.formula });
      }
    }
  }

  findings(): Finding[] {
    for (const [key, e] of this.idle) this.out.push(this.finding(key, e.rows, e.formula));
    this.out.sort((a, b) => a.row - b.row);
    return this.out;
  }

  private finding(key: string, rows: number[], formula: string): Finding {
    const def = this.cols.find((c) => c.key === key);
    const col = this.letters[key] ?? '';
    const zhName = def ? def.header.zh : key.replace(/^extra:/, '');
    const enName = def ? def.header.en : key.replace(/^extra:/, '');
    // Input columns hold what the submission says: an unknown value there is an error.
    const severity: Severity = def && def.type !== 'formula' ? 'error' : 'warning';
    const first = rows[0], last = rows[rows.length - 1];
    const where = rows.length === 1 ? { zh: `第 ${first} 行`, en: `row ${first}` } : { zh: `第 ${first}–${last} 行中的 ${rows.length} 行（其他列为空）`, en: `${rows.length} rows between ${first} and ${last} (other cells empty)` };
    const f = clip(formula);
    return finding('read.formula.noValue', severity, this.file, this.sheet, first, col, key,
      {
        zh: `文件“${this.file}”工作表“${this.sheet}”${where.zh} ${col} 列（${zhName}）的公式“=${f}”在文件中没有计算结果（保存文件的程序没有计算公式），无法读取它的值，不按 0 计算。`,
        en: `File "${this.file}", sheet "${this.sheet}", ${where.en}, column ${col} (${enName}): the formula "=${f}" has no calculated value in the file (the program that saved it did not calculate formulas); its value cannot be read and is not taken as 0.`,
      },
      { zh: '在 Excel 或 WPS 中打开该文件并保存（保存时会计算公式），然后重新提交。', en: 'Open the file in Excel or WPS and save it (this calculates the formulas), then submit it again.' },
      `=${formula}`);
  }
}

/**
 * A cell longer than Excel's 32,767 characters: read in full, but every workbook we write fits it
 * (core/sheets/cellText); the feedback copy keeps the full text over several cells of 修改意见.
 */
function tooLong(file: string, sheet: string, row: number, column: string, key: string, v: string): Finding {
  return finding('read.cell.tooLong', 'warning', file, sheet, row, column, key,
    { zh: `文件“${file}”工作表“${sheet}”第 ${row} 行 ${column} 列的文字有 ${v.length.toLocaleString('en-US')} 个字符，超过 Excel 单元格上限 ${EXCEL_CELL_TEXT.toLocaleString('en-US')} 个字符；汇总表和反馈表的这一格只写入开头部分，并注明其余未写入（反馈表“修改意见”中保留全文）。`, en: `File "${file}", sheet "${sheet}", row ${row}, column ${column}: the text has ${v.length} characters, more than Excel's ${EXCEL_CELL_TEXT} per cell; the summary and feedback workbooks hold its beginning with a note of what was left out (the feedback's list of findings keeps the full text).` },
    { zh: '请精简这段文字（Excel 单元格最多 32,767 个字符），详细内容可另附文件。', en: 'Shorten the text (an Excel cell holds at most 32,767 characters); attach details separately.' }, v);
}

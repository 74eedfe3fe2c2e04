/**
 * Every stable finding code of normalisation and validation, with its severity, zh/en message
 * template and fix text. Templates use {name} placeholders filled from the finding's parameters.
 * docs/VALIDATION.md lists the same codes (a test checks they agree).
 */
import { isoDay } from '../util/time';
import type { Finding, Message, Severity } from './types';
import type { RowSource } from '../plan/types';

export interface CodeDef {
  severity: Severity;
  /** Rule family (file under rules/). */
  family: 'submission' | 'required' | 'draft' | 'point' | 'committee' | 'dates' | 'amounts' | 'budget' | 'duplicates' | 'coverage' | 'keyDates';
  message: Message;
  fix: Message;
}

const d = (severity: Severity, family: CodeDef['family'], zh: string, en: string, fixZh: string, fixEn: string): CodeDef => ({
  severity,
  family,
  message: { zh, en },
  fix: { zh: fixZh, en: fixEn },
});

export const CODES = {
  // ── submission ──
  'submission.year.mismatch': d('error', 'submission', '该工作簿为 {metaYear} 年计划，当前计划年度为 {year} 年。', 'This workbook is for plan year {metaYear}; the current plan year is {year}.', '请使用 {year} 年的计划工作簿重新填报。', 'Fill in the {year} plan workbook instead.'),
  'submission.catalog.mismatch': d('warning', 'submission', '该工作簿按另一版工作要点生成（{metaHash}），当前为 {hash}。', 'This workbook was made from another plan outline ({metaHash}); the current one is {hash}.', '核对要点编号是否仍然对应；必要时用新模板重新填报。', 'Check the point numbers still match; refill the new template if needed.'),
  'submission.unit.mismatch': d('error', 'submission', '该工作簿的金额单位为{metaUnit}，当前计划的金额单位为{unit}：按当前单位读数会差 1 万倍。', 'This workbook\'s amounts are in {metaUnitEn}; the plan\'s are in {unitEn}: read in the plan\'s unit they would be off by 10,000 times.', '请使用按当前设置（单位：{unit}）生成的计划工作簿重新填报，或把设置的金额单位改为{metaUnit}。', 'Refill a workbook generated with the current settings (unit: {unitEn}), or set the plan\'s unit to {metaUnitEn}.'),
  'submission.committee.unknown': d('warning', 'submission', '工作簿元数据中的专委会“{raw}”不在目录中。', 'The workbook metadata names committee "{raw}", which is not in the catalog.', '请使用秘书处下发的本专委会工作簿。', 'Use the workbook the secretariat sent for your committee.'),
  'submission.empty': d('warning', 'submission', '工作簿中没有任何任务。', 'The workbook holds no tasks.', '在“任务表”中填写本专委会的任务。', 'Fill in your tasks on 任务表.'),
  'task.code.duplicate': d('error', 'submission', '任务编号“{code}”重复（第 {otherRow} 行已使用）。', 'Task code "{code}" repeats (already used on row {otherRow}).', '每个任务使用唯一编号；预算明细和里程碑按编号关联任务。', 'Give every task its own code; budget lines and milestones refer to it.'),
  // ── required ──
  'task.required': d('error', 'required', '“{header}”未填写。', '"{headerEn}" is empty.', '请填写“{header}”。', 'Fill in "{headerEn}".'),
  'budget.required': d('error', 'required', '“{header}”未填写。', '"{headerEn}" is empty.', '请填写“{header}”。', 'Fill in "{headerEn}".'),
  'milestone.required': d('error', 'required', '“{header}”未填写。', '"{headerEn}" is empty.', '请填写“{header}”。', 'Fill in "{headerEn}".'),
  'task.name.long': d('info', 'required', '任务名称有 {length} 字，超过 40 字。', 'The task name has {length} characters, more than 40.', '把任务名称写短，细节写入“工作内容与目标”。', 'Shorten the name; put details into the content column.'),
  'flag.unreadable': d('warning', 'required', '无法识别“{header}”中的“{raw}”。', 'Cannot read "{raw}" in "{headerEn}".', '草稿行请保留“草稿”，确认的任务请清空此格。', 'Keep "草稿" on draft rows; clear the cell for confirmed tasks.'),
  // ── drafts ──
  'task.draft.untouched': d('info', 'draft', '草稿任务尚未处理：“{name}”。', 'Draft task not yet handled: "{name}".', '保留请补全负责人、日期并清空“草稿”格；不需要请删除整行内容。', 'To keep it, fill owner and dates and clear the 草稿 cell; otherwise clear the row.'),
  'task.draft.filled': d('warning', 'draft', '该行已填写内容但仍标记为“草稿”，汇总时不计为正式任务。', 'This row has been filled in but is still marked as a draft; consolidation will not count it as a confirmed task.', '确认保留请清空“草稿”格。', 'Clear the 草稿 cell to confirm the task.'),
  // ── point ──
  'task.point.missing': d('error', 'point', '未填写要点。{suggestion}', 'No work point given.{suggestionEn}', '从下拉列表选择本任务落实的要点。{suggestion}', 'Pick the work point from the list.{suggestionEn}'),
  'task.point.unreadable': d('error', 'point', '无法识别要点“{raw}”：{note}。{suggestion}', 'Cannot read work point "{raw}".{suggestionEn}', '从下拉列表选择要点（如“4 凝练决策咨询重点课题”）。{suggestion}', 'Pick the work point from the list (e.g. "4 …").{suggestionEn}'),
  'task.point.unknown': d('error', 'point', '要点 {point} 不在 {year} 年工作要点中（共 {count} 条）。', 'Point {point} is not in the {year} plan outline ({count} points).', '从下拉列表选择 1–{count} 之间的要点。', 'Pick a point between 1 and {count} from the list.'),
  'task.point.titleMismatch': d('warning', 'point', '要点编号 {point} 与标题不符：{note}。', 'Point number {point} does not match its title: the title belongs to point {other}.', '核对要点编号和标题，从下拉列表重新选择。', 'Check number and title; pick again from the list.'),
  'task.point.betterFit': d('warning', 'point', '任务内容更像要点 {best}“{bestTitle}”（相符程度{bestFit}），而不是所填要点 {point}（相符程度{fit}）。', 'The task text fits point {best} (score {bestScore}) much better than the point given, {point} (score {score}).', '核对所属要点；如无误可忽略此提示。', 'Check the work point; ignore this if it is right.'),
  // ── committee ──
  'task.committee.unreadable': d('error', 'committee', '无法识别专委会“{raw}”：{note}。', 'Cannot read committee "{raw}".', '从下拉列表选择负责实施的专委会。', 'Pick the committee from the list.'),
  'task.committee.notResponsible': d('warning', 'committee', '要点 {point} 由{responsible}负责实施，不是“{committee}”。', 'Point {point} is carried out by {responsibleEn}, not by "{committee}".', '核对要点或专委会；协办请写入“协办单位”。', 'Check point or committee; put partners into the partners column.'),
  'task.committee.measure': d('warning', 'committee', '任务内容对应要点 {point} 的第 {measure} 项举措，该举措由{responsible}负责实施，不是“{committee}”。', 'The task fits measure {measure} of point {point}, which {responsibleEn} carries out, not "{committee}".', '核对专委会；协办请写入“协办单位”。', 'Check the committee; put partners into the partners column.'),
  'task.committee.otherSubmission': d('info', 'committee', '该任务的责任专委会“{committee}”不是本工作簿的专委会“{own}”。', 'The task\'s committee "{committee}" is not this workbook\'s committee "{own}".', '如为协办任务，请由牵头专委会填报。', 'Partner tasks are filled in by the leading committee.'),
  // ── dates ──
  'date.unreadable': d('error', 'dates', '无法识别日期“{raw}”：{note}。', 'Cannot read date "{raw}".', '请填写如 {year}-05-30 的日期。', 'Enter a date such as {year}-05-30.'),
  'date.outsideYear': d('error', 'dates', '日期 {date} 不在计划年度 {year} 年内。', 'Date {date} is outside the plan year {year}.', '请填写 {year} 年内的日期。', 'Enter a date within {year}.'),
  'date.period': d('info', 'dates', '“{raw}”是一段时间，按 {date} 读取。', '"{raw}" is a period; read as {date}.', '请写成具体日期（一键写入 {date}）。', 'Write a definite date (one click writes {date}).'),
  'date.reformatted': d('info', 'dates', '日期“{raw}”按 {date} 读取。', 'Date "{raw}" read as {date}.', '可统一写成 {date}。', 'Can be written as {date}.'),
  'task.date.endBeforeStart': d('error', 'dates', '完成日期 {end} 早于开始日期 {start}。', 'End date {end} is before start date {start}.', '核对开始和完成日期。', 'Check the start and end dates.'),
  'milestone.date.outsideTask': d('warning', 'dates', '里程碑日期 {date} 不在任务 {code} 的起止日期（{start} 至 {end}）之内。', 'Milestone date {date} is outside task {code}\'s dates ({start} to {end}).', '调整里程碑日期或任务起止日期。', 'Adjust the milestone or the task dates.'),
  // ── amounts ──
  'amount.unreadable': d('error', 'amounts', '无法识别“{header}”中的“{raw}”：{note}。', 'Cannot read "{raw}" in "{headerEn}".', '请填写数字（单位：{unit}）。', 'Enter a number (unit: {unit}).'),
  'amount.approximate': d('error', 'amounts', '“{header}”中的“{raw}”是估计值或范围，不能作为预算。', '"{raw}" in "{headerEn}" is an estimate or range, not an amount.', '请填写确定的金额（单位：{unit}），测算说明写入“测算依据”。', 'Enter a definite amount (unit: {unit}); explain it under basis.'),
  'amount.negative': d('error', 'amounts', '“{header}”为负数 {value}。', '"{headerEn}" is negative: {value}.', '预算金额应大于 0。', 'Amounts must be above zero.'),
  'amount.outOfRange': d('error', 'amounts', '“{header}”为 {value}，超出可以合计的范围（绝对值不超过 {max}），不计入任何合计。', '"{headerEn}" is {value}, outside the range that can be added up (at most {max} in absolute value); it is left out of every total.', '请核对金额和单位（单位：{unit}）。', 'Check the amount and its unit (unit: {unit}).'),
  'amount.zero': d('warning', 'amounts', '“{header}”为 0。', '"{headerEn}" is zero.', '填写金额，或删除这一行。', 'Enter an amount, or clear the row.'),
  'amount.precision': d('warning', 'amounts', '“{header}” {value} 的小数位超过 {decimals} 位（单位：{unit}）。', '"{headerEn}" {value} has more than {decimals} decimals (unit: {unit}).', '保留 {decimals} 位小数。', 'Keep {decimals} decimals.'),
  'amount.converted': d('info', 'amounts', '“{header}”读作：{raw} → {value} {unit}（{how}）。', '{headerEn} "{raw}" read as {value} ({unitEn}): {howEn}.', '核对读数；可直接填写以{unit}为单位的数字（一键写入 {value}）。', 'Check the reading; enter the number in {unitEn} (one click writes {value}).'),
  'amount.implausible': d('warning', 'amounts', '“{header}” {value} {unit} 超过{limit} {max} {unit}，不像一行预算的金额。', '{headerEn} {value} ({unitEn}) is above {limitEn} of {max}; not a plausible line amount.', '核对金额和单位（本表单位：{unit}）；如确为该金额，可忽略此提示。', 'Check the amount and its unit ({unitEn}); ignore this if it is right.'),
  'amount.reformatted': d('info', 'amounts', '“{raw}”按 {value} 读取。', '"{raw}" read as {value}.', '可写成数字 {value}。', 'Can be written as the number {value}.'),
  'number.unreadable': d('error', 'amounts', '无法识别“{header}”中的“{raw}”：{note}。', 'Cannot read "{raw}" in "{headerEn}".', '请填写数字。', 'Enter a number.'),
  'number.negative': d('error', 'amounts', '“{header}”为负数 {value}。', '"{headerEn}" is negative: {value}.', '请填写正数。', 'Enter a positive number.'),
  'budget.amount.mismatch': d('warning', 'amounts', '金额 {amount} 不等于 单价×数量×次数 = {computed}。', 'Amount {amount} differs from unit price × quantity × times = {computed}.', '核对单价、数量、次数或金额。', 'Check unit price, quantity, times or the amount.'),
  'budget.category.unknown': d('warning', 'amounts', '经费科目“{raw}”不在科目列表中。', 'Expense category "{raw}" is not in the list.', '从下拉列表选择经费科目。', 'Pick the expense category from the list.'),
  'budget.source.unknown': d('warning', 'amounts', '经费来源“{raw}”不在列表中。', 'Funding source "{raw}" is not in the list.', '从下拉列表选择经费来源。', 'Pick the funding source from the list.'),
  'milestone.type.unknown': d('warning', 'amounts', '成果形式“{raw}”不在列表中。', 'Deliverable type "{raw}" is not in the list.', '从下拉列表选择成果形式。', 'Pick the deliverable type from the list.'),
  // ── budget links, totals, ceiling ──
  'budget.task.unknown': d('error', 'budget', '任务编号“{code}”在任务表中不存在。', 'Task code "{code}" is not on 任务表.', '从下拉列表选择任务编号。', 'Pick the task code from the list.'),
  'milestone.task.unknown': d('error', 'budget', '里程碑的任务编号“{code}”在任务表中不存在。', 'Milestone task code "{code}" is not on 任务表.', '从下拉列表选择任务编号。', 'Pick the task code from the list.'),
  'task.total.mismatch': d('warning', 'budget', '任务“{code}”的预算合计 {declared} 不等于预算明细之和 {sum}。', 'Task "{code}" shows a total of {declared}, but its budget lines add up to {sum}.', '“预算合计”应为公式，不要手填；重新生成或恢复公式。', 'The total should be the formula; do not type over it.'),
  'task.total.unreadable': d('warning', 'budget', '任务“{code}”的预算合计“{raw}”无法读取。', 'Task "{code}" total "{raw}" cannot be read.', '恢复“预算合计”公式。', 'Restore the total formula.'),
  'committee.ceiling.exceeded': d('error', 'budget', '{committee}预算合计 {total}{unit}，超过控制数 {ceiling}{unit}（超出 {over}{unit}）。', '{committee} budgets {total} {unit}, over its ceiling of {ceiling} {unit} (by {over}).', '压减预算，或与秘书处商调控制数。', 'Cut the budget or agree a new ceiling with the secretariat.'),
  // ── duplicates ──
  'task.duplicate': d('warning', 'duplicates', '与第 {otherRow} 行任务“{otherName}”重复（同一要点 {point}，名称{likeness}）。', 'Duplicates the task on row {otherRow}, "{otherName}" (same point {point}, name similarity {similarity}).', '合并两行，或写清两项任务的区别。', 'Merge the rows or make the difference clear.'),
  // ── coverage ──
  'coverage.point.noTask': d('warning', 'coverage', '本专委会负责的要点 {point}“{title}”没有任何任务。', 'Point {point} "{title}", which this committee carries out, has no task.', '为该要点填写至少一项任务。', 'Add at least one task for this point.'),
  'coverage.point.draftOnly': d('info', 'coverage', '要点 {point}“{title}”只有草稿任务，尚无确认的任务。', 'Point {point} "{title}" has only draft tasks, none confirmed.', '确认或改写草稿任务（清空“草稿”格）。', 'Confirm or rewrite the draft tasks (clear the 草稿 cell).'),
  // ── key dates ──
  'keyDate.deadline': d('warning', 'keyDates', '该任务涉及“{event}”，应在 {date}（{label}）前完成，完成日期为 {end}。', 'The task concerns "{event}", due on {date} ({label}), but ends on {end}.', '把完成日期调整到 {date} 或之前。', 'Set the end date to {date} or earlier.'),
  'keyDate.week': d('warning', 'keyDates', '该任务涉及“{event}”（{label}，{date}），但起止日期 {start} 至 {end} 不在当周（{weekStart} 至 {weekEnd}）。', 'The task concerns "{event}" ({label}, {date}), but its dates {start} to {end} miss that week ({weekStart} to {weekEnd}).', '调整日期，使任务覆盖 {weekStart} 至 {weekEnd}。', 'Move the dates to cover {weekStart} to {weekEnd}.'),
} satisfies Record<string, CodeDef>;

export type FindingCode = keyof typeof CODES;

export const ALL_CODES = Object.keys(CODES) as FindingCode[];

const compiled = new Map<string, string[]>();
/** A template split at its placeholders: [text, name, text, name, …, text] (cached per template). */
function partsOf(template: string): string[] {
  let parts = compiled.get(template);
  if (!parts) compiled.set(template, (parts = template.split(/\{(\w+)\}/)));
  return parts;
}

/** Text of a parameter value in a message: '' for undefined and null. */
const textOf = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v));

/**
 * `parts` (see partsOf) filled from params; {raw} from `raw` unless params has its own. Pieces are
 * added with `+`: V8 then links them (a string of pieces, flattened once when first read) instead
 * of copying every finding's text at once; most texts of a large submission are never read.
 */
function fillParts(parts: string[], params: Record<string, unknown>, raw: unknown): string {
  let s = parts[0];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    s = s + textOf(raw !== undefined && name === 'raw' && !Object.prototype.hasOwnProperty.call(params, 'raw') ? raw : params[name]) + parts[i + 1];
  }
  return s;
}

/**
 * Fill {name} placeholders; unknown names become "". Templates are split once and cached. `raw`,
 * when given, fills {raw} unless params has its own `raw` (as `{ raw, ...params }` would).
 */
export function fillTemplate(template: string, params: Record<string, unknown>, raw?: unknown): string {
  return fillParts(partsOf(template), params, raw);
}

/**
 * A message or fix whose zh and en templates each hold one placeholder, the same: its texts depend
 * on that one value, so the Message of each (primitive) value is built once and shared.
 */
interface OnePlaceholder {
  name: string;
  memo: Map<unknown, Message>;
}
/** Values kept per template pair, and the longest value text kept (a memo of short values: dates, amounts, codes, list items). */
const ONE_PLACEHOLDER_MEMO = 4096;
const ONE_PLACEHOLDER_CHARS = 64;

/**
 * A code's templates, split once. A message or fix without placeholders is one shared, frozen
 * Message (findings never change their texts): no strings or object built per finding; one with a
 * single placeholder, one shared Message per value of it (OnePlaceholder).
 */
interface CompiledCode {
  def: CodeDef;
  zh: string[];
  en: string[];
  fixZh: string[];
  fixEn: string[];
  message: Message | null;
  fix: Message | null;
  messageOne: OnePlaceholder | null;
  fixOne: OnePlaceholder | null;
}
const compiledCodes = new Map<string, CompiledCode>();
function compiledOf(code: string): CompiledCode {
  let c = compiledCodes.get(code);
  if (c === undefined) {
    const def = (CODES as Record<string, CodeDef>)[code];
    const zh = partsOf(def.message.zh), en = partsOf(def.message.en), fixZh = partsOf(def.fix.zh), fixEn = partsOf(def.fix.en);
    const constant = (a: string[], b: string[]): Message | null => (a.length === 1 && b.length === 1 ? Object.freeze({ zh: a[0], en: b[0] }) : null);
    const one = (a: string[], b: string[]): OnePlaceholder | null => (a.length === 3 && b.length === 3 && a[1] === b[1] ? { name: a[1], memo: new Map() } : null);
    compiledCodes.set(code, (c = { def, zh, en, fixZh, fixEn, message: constant(zh, en), fix: constant(fixZh, fixEn), messageOne: one(zh, en), fixOne: one(fixZh, fixEn) }));
  }
  return c;
}

/** The Message of templates `zh` and `en` filled from params (see fillParts), shared per value when they hold one placeholder. */
function messageOf(one: OnePlaceholder | null, zh: string[], en: string[], params: Record<string, unknown>, raw: unknown): Message {
  if (one !== null) {
    const name = one.name;
    const v = raw !== undefined && name === 'raw' && !Object.prototype.hasOwnProperty.call(params, 'raw') ? raw : params[name];
    if (typeof v === 'string' || typeof v === 'number') {
      let m = one.memo.get(v);
      if (m === undefined) {
        const text = textOf(v);
        m = Object.freeze({ zh: zh[0] + text + zh[2], en: en[0] + text + en[2] });
        if (one.memo.size < ONE_PLACEHOLDER_MEMO && text.length <= ONE_PLACEHOLDER_CHARS) one.memo.set(v, m);
      }
      return m;
    }
  }
  return { zh: fillParts(zh, params, raw), en: fillParts(en, params, raw) };
}

export interface FindingAt {
  source: RowSource | { file: string; sheet: string; row: number };
  column?: string;
  columnKey?: string;
  raw?: unknown;
}

const NO_PARAMS: Record<string, unknown> = Object.freeze({});
const NO_EXTRA: { severity?: Severity; autoFix?: Finding['autoFix'] } = Object.freeze({});

/** Build a finding from its code, location and template parameters. */
export function makeFinding(
  code: FindingCode,
  at: FindingAt,
  params: Record<string, unknown> = NO_PARAMS,
  extra: { severity?: Severity; autoFix?: Finding['autoFix'] } = NO_EXTRA,
): Finding {
  const c = compiledOf(code);
  // {raw}: the raw value as typed ('' when none; a Date as its ISO day), unless params give their own.
  const r = at.raw;
  const raw = r === undefined || r === null ? '' : r instanceof Date ? isoDay(r) : r;
  const source = at.source;
  const f: Finding = {
    severity: extra.severity ?? c.def.severity,
    code,
    message: c.message ?? messageOf(c.messageOne, c.zh, c.en, params, raw),
    file: source.file,
    sheet: source.sheet,
    row: source.row,
    column: at.column ?? '',
    columnKey: at.columnKey ?? '',
    raw: r === undefined ? null : r,
    fix: c.fix ?? messageOf(c.fixOne, c.fixZh, c.fixEn, params, raw),
  };
  if (extra.autoFix) f.autoFix = extra.autoFix;
  return f;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SHEET_RANK: Record<string, number> = { '': 0, 填报说明: 1, 任务表: 2, 预算明细: 3, 里程碑: 4, 校验: 5, _lists: 6, _meta: 7 };

function columnRank(c: string): number {
  let n = 0;
  for (let i = 0; i < c.length; i++) n = n * 26 + (c.charCodeAt(i) - 64);
  return n;
}

/** The order of sortFindings, pair by pair (its reference; used when a finding's row or column does not fit the packed key). */
export function compareFindings(x: Finding, y: Finding): number {
  if (x.file !== y.file) return x.file < y.file ? -1 : 1;
  const sx = SHEET_RANK[x.sheet] ?? 50, sy = SHEET_RANK[y.sheet] ?? 50;
  if (sx !== sy) return sx - sy;
  if (x.sheet !== y.sheet) return x.sheet < y.sheet ? -1 : 1;
  if (x.row !== y.row) return x.row - y.row;
  const cx = columnRank(x.column), cy = columnRank(y.column);
  if (cx !== cy) return cx - cy;
  const v = SEVERITY_RANK[x.severity] - SEVERITY_RANK[y.severity];
  if (v) return v;
  if (x.code !== y.code) return x.code < y.code ? -1 : 1;
  return 0;
}

/** Ranks of the distinct values in ascending order (`<` on strings), one per value. */
function ranksOf(values: string[]): Int32Array {
  const distinct = new Map<string, number>();
  for (let i = 0; i < values.length; i++) distinct.set(values[i], 0);
  const out = new Int32Array(values.length);
  if (distinct.size === 1) return out;
  const sorted = [...distinct.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) distinct.set(sorted[i], i);
  for (let i = 0; i < values.length; i++) out[i] = distinct.get(values[i])!;
  return out;
}

const ROW_LIMIT = 2 ** 21, COLUMN_LIMIT = 2 ** 15, SHEET_LIMIT = 2 ** 10;

/**
 * Sort by file, sheet (workbook order), row, column, severity, code. Stable. Each finding's sheet,
 * row, column and severity are packed once into one number (sheets ranked by workbook order, then
 * by name), so most comparisons compare two numbers, not two findings field by field.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const n = findings.length;
  if (n < 2) return findings.slice();
  const files: string[] = new Array(n);
  // Sheets: the known ones by workbook order (ranks below 50), the others by name after them (compareFindings).
  const sheets: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const f = findings[i];
    files[i] = f.file;
    sheets[i] = SHEET_RANK[f.sheet] === undefined ? f.sheet : '';
  }
  const file = ranksOf(files);
  const unknown = ranksOf(sheets);
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = findings[i];
    const known = SHEET_RANK[f.sheet];
    const sheet = known === undefined ? 50 + unknown[i] : known;
    const column = columnRank(f.column);
    const row = f.row;
    const severity = SEVERITY_RANK[f.severity];
    if (!(severity !== undefined && sheet < SHEET_LIMIT && Number.isInteger(row) && row >= 0 && row < ROW_LIMIT && Number.isInteger(column) && column >= 0 && column < COLUMN_LIMIT)) {
      return findings.slice().sort(compareFindings);
    }
    key[i] = ((sheet * ROW_LIMIT + row) * COLUMN_LIMIT + column) * 4 + severity;
  }
  const order: number[] = new Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => {
    if (file[a] !== file[b]) return file[a] - file[b];
    if (key[a] !== key[b]) return key[a] - key[b];
    const x = findings[a].code, y = findings[b].code;
    if (x !== y) return x < y ? -1 : 1;
    return a - b;
  });
  const out: Finding[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = findings[order[i]];
  return out;
}

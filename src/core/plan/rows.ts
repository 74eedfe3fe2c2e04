/**
 * The compact row store of a normalised submission.
 *
 * normaliseSubmission reads every cell once, keeps the typed values on the row (code, point, start,
 * amount …) and a compact status per cell: three bit masks over the sheet's columns (bit i =
 * column i of TASK_COLUMNS / BUDGET_COLUMNS / MILESTONE_COLUMNS):
 *   - empty: the record would say `empty`;
 *   - unreadable: the record would say `unreadable`;
 *   - notable: the record carries a flag a rule looks at in that column (ruleFlagsOf), e.g.
 *     titleMismatch of a work point, period or reformatted of a date, unitConverted or negative of
 *     an amount.
 * The full Normalised records (value + raw + note + flags) are not built per cell: a row keeps its
 * raw cells (the RawRow's `cells` object, not a copy; hosts do not change rows they handed over)
 * and `fields` builds every record of the row on first access — exactly the records the eager
 * normalisation gave (same functions, same memo) — and keeps them. Rules read the status bits and
 * build single records (recordOf) only for cells that yield findings.
 *
 * Rows are class instances: `fields` is an accessor on the prototype (assignable; an assigned
 * object replaces the built one, and the status bits then come from it), `toJSON` includes it, and
 * the raw cells sit in private fields, so `{ ...row, fields }` copies (as the CLI's slimming does)
 * drop them.
 */
import { MAX_AMOUNT } from '../limits';
import type { Catalog } from '../catalog/types';
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, TASK_COLUMNS } from '../sheets/columns';
import type { ColumnDef } from '../sheets/columns';
import {
  FORMULA_NO_VALUE,
  isBlank,
  isoOfUtcMidnight,
  isPlainText,
  normaliseAmount,
  normaliseCode,
  normaliseCommitteeRef,
  normaliseDate,
  normaliseFlag,
  normaliseNumber,
  normalisePointRef,
  normaliseText,
  unwrapCell,
} from './normalise';
import type { BudgetLine, Milestone, Normalised, RowSource, Settings, Task } from './types';

export type Fields = Record<string, Normalised<unknown>>;
export type SheetKind = 'tasks' | 'budget' | 'milestones';

/** Status bits of one cell (see cellStatus). */
export const CELL_EMPTY = 1;
export const CELL_UNREADABLE = 2;
export const CELL_NOTABLE = 4;

export interface Ctx {
  catalog: Catalog;
  settings: Settings;
  /**
   * Memo per column kind: the same primitive raw value normalises to the same record, which is
   * shared (Normalised records are immutable). Dropdown values, dates and amounts repeat a lot.
   */
  memo: Map<string, Map<unknown, Normalised<unknown>>>;
  /** ctx.memo's maps by column position, per column list. */
  sheetMemos: Map<ColumnDef[], Map<unknown, Normalised<unknown>>[]>;
}

export function newCtx(catalog: Catalog, settings: Settings): Ctx {
  return { catalog, settings, memo: new Map(), sheetMemos: new Map() };
}

const MEMO_LIMIT = 200_000;
/** Text columns whose values repeat a lot (people, partner units, standard KPIs and bases). */
const REPEATING_TEXT = new Set(['owner', 'partners', 'kpi', 'remarks', 'basis', 'deliverable']);

/** Memo slot of a column: its type, except dates (by role) and formulas, which are per key. */
function memoKeyOf(type: ColumnDef['type'], key: string): string {
  return type === 'date' ? `date:${key}` : type === 'formula' ? `formula:${key}` : type;
}

/** The Normalised record of one cell (the reference: what `fields` holds). */
export function normaliseCell(def: ColumnDef | undefined, key: string, raw: unknown, ctx: Ctx, memo?: Map<unknown, Normalised<unknown>>): Normalised<unknown> {
  const type = def ? def.type : 'text';
  const t = typeof raw;
  const primitive = raw === null || raw === undefined || t === 'string' || t === 'number' || t === 'boolean';
  // Names and contents are mostly unique: only their empty values go through the memo.
  if (!primitive || (type === 'text' && !REPEATING_TEXT.has(key) && !isBlank(raw))) return computeCell(type, key, raw, ctx);
  let m = memo;
  if (!m) {
    const memoKey = memoKeyOf(type, key);
    m = ctx.memo.get(memoKey);
    if (!m) ctx.memo.set(memoKey, (m = new Map()));
  }
  let n = m.get(raw);
  if (n === undefined) {
    n = computeCell(type, key, raw, ctx);
    if (m.size < MEMO_LIMIT) m.set(raw, n);
  }
  return n;
}

function computeCell(type: ColumnDef['type'], key: string, raw: unknown, ctx: Ctx): Normalised<unknown> {
  switch (type) {
    case 'code':
      return normaliseCode(raw);
    case 'point':
      return normalisePointRef(raw, ctx.catalog);
    case 'committee':
      return normaliseCommitteeRef(raw, ctx.catalog, ctx.settings.region);
    case 'date':
      return normaliseDate(raw, ctx.settings.year, key === 'start' ? 'start' : key === 'end' ? 'end' : 'date');
    case 'amount':
      return normaliseAmount(raw, ctx.settings.budgetUnit);
    case 'number':
      return normaliseNumber(raw);
    case 'flag':
      return normaliseFlag(raw);
    case 'formula':
      return key === 'budgetTotal' ? normaliseAmount(raw, ctx.settings.budgetUnit) : normaliseText(raw);
    default:
      return normaliseText(raw);
  }
}

/** The memo map of every column of a sheet (looked up once per sheet, not per cell). */
export function memosOf(ctx: Ctx, columns: ColumnDef[]): Map<unknown, Normalised<unknown>>[] {
  let list = ctx.sheetMemos.get(columns);
  if (!list) {
    list = columns.map((c) => {
      const memoKey = memoKeyOf(c.type, c.key);
      let m = ctx.memo.get(memoKey);
      if (!m) ctx.memo.set(memoKey, (m = new Map()));
      return m;
    });
    ctx.sheetMemos.set(columns, list);
  }
  return list;
}

/** Every record of a row: one per column, plus normalised text for any other key the host read. */
export function fieldsOf(cells: Record<string, unknown>, columns: ColumnDef[], byKey: Map<string, ColumnDef>, ctx: Ctx): Fields {
  const fields: Fields = {};
  const memos = memosOf(ctx, columns);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i];
    fields[c.key] = normaliseCell(c, c.key, cells[c.key], ctx, memos[i]);
  }
  for (const key in cells) if (Object.prototype.hasOwnProperty.call(cells, key) && !byKey.has(key)) fields[key] = normaliseText(cells[key]);
  return fields;
}

export const TASK_BY_KEY = new Map(TASK_COLUMNS.map((c) => [c.key, c]));
export const BUDGET_BY_KEY = new Map(BUDGET_COLUMNS.map((c) => [c.key, c]));
export const MILESTONE_BY_KEY = new Map(MILESTONE_COLUMNS.map((c) => [c.key, c]));

const indexOf = (cols: ColumnDef[]) => new Map(cols.map((c, i) => [c.key, i]));
/** Column index (bit position) by key, per sheet. */
export const TASK_COL = indexOf(TASK_COLUMNS);
export const BUDGET_COL = indexOf(BUDGET_COLUMNS);
export const MILESTONE_COL = indexOf(MILESTONE_COLUMNS);

export const SHEET_COLUMNS: Record<SheetKind, ColumnDef[]> = { tasks: TASK_COLUMNS, budget: BUDGET_COLUMNS, milestones: MILESTONE_COLUMNS };
for (const cols of Object.values(SHEET_COLUMNS)) if (cols.length > 16) throw new Error('rows.ts: status masks hold 16 columns per sheet');
const SHEET_BY_KEY: Record<SheetKind, Map<string, ColumnDef>> = { tasks: TASK_BY_KEY, budget: BUDGET_BY_KEY, milestones: MILESTONE_BY_KEY };
const SHEET_COL: Record<SheetKind, Map<string, number>> = { tasks: TASK_COL, budget: BUDGET_COL, milestones: MILESTONE_COL };

// ───────────────────────── reading cells without records ─────────────────────────

const NO_FLAGS: ReadonlySet<string> = new Set();
const POINT_FLAGS: ReadonlySet<string> = new Set(['titleMismatch']);
const DATE_FLAGS: ReadonlySet<string> = new Set(['period', 'reformatted', 'fullWidth']);
const AMOUNT_FLAGS: ReadonlySet<string> = new Set(['unitConverted', 'reformatted', 'fullWidth', 'negative']);
const NUMBER_FLAGS: ReadonlySet<string> = new Set(['negative']);

/**
 * The flags the rules look at in a column (core/validate/rules): a cell whose record carries one is
 * "notable" (the rule then reads the record). Work point: titleMismatch (point.ts); dates: period,
 * reformatted, fullWidth (dates.ts); amounts: unitConverted, reformatted, fullWidth, negative; plain
 * numbers: negative (amounts.ts). No rule reads the flags of other columns.
 */
export function ruleFlagsOf(def: ColumnDef): ReadonlySet<string> {
  switch (def.type) {
    case 'point':
      return POINT_FLAGS;
    case 'date':
      return DATE_FLAGS;
    case 'amount':
      return AMOUNT_FLAGS;
    case 'number':
      return NUMBER_FLAGS;
    default:
      return NO_FLAGS;
  }
}

/** Status bits of a record (empty, unreadable, notable for `ruleFlags`). */
export function recordStatus(n: Normalised<unknown>, ruleFlags: ReadonlySet<string>): number {
  let s = n.empty ? CELL_EMPTY : 0;
  if (n.unreadable) s |= CELL_UNREADABLE;
  const f = n.flags;
  if (f !== undefined && ruleFlags.size !== 0) {
    for (let i = 0; i < f.length; i++) {
      if (ruleFlags.has(f[i])) {
        s |= CELL_NOTABLE;
        break;
      }
    }
  }
  return s;
}

/** How readCell treats a column. */
export interface ColumnPlan {
  def: ColumnDef;
  key: string;
  /** The column's record is normaliseText's (text, list, text formulas): plain text is kept as typed. */
  text: boolean;
  /** Text that is mostly unique (names, contents): not memoised. */
  uniqueText: boolean;
  code: boolean;
  date: boolean;
  /** amount, number, or the budget total formula: a finite number is its own value. */
  numeric: boolean;
  /** Does not make a row non-blank (see isBlankRow). */
  nonInput: boolean;
  /** ruleFlagsOf(def). */
  ruleFlags: ReadonlySet<string>;
  memo: Map<unknown, Normalised<unknown>>;
}

/** Status bits of the last cell readCell read (single-threaded scratch, read right after the call). */
let lastStatus = 0;

/** True for task codes normaliseCode keeps as typed: only A–Z and 0–9. */
function isPlainCode(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

function fromRecord(n: Normalised<unknown>, p: ColumnPlan): unknown {
  lastStatus = recordStatus(n, p.ruleFlags);
  return n.value;
}

/**
 * The normalised value of a cell, as normaliseCell(...).value, with its status bits in lastStatus.
 * Common cells (plain text, plain codes, finite numbers, Dates at UTC midnight, formulas without a
 * cached value) take a fast path that builds no record; the others go through normaliseCell.
 */
function readCell(p: ColumnPlan, raw: unknown, ctx: Ctx): unknown {
  // Every column type reads a blank cell as empty, with no note or flag.
  if (raw === null || raw === undefined || raw === '') {
    lastStatus = CELL_EMPTY;
    return null;
  }
  switch (typeof raw) {
    case 'string':
      if ((p.text && isPlainText(raw)) || (p.code && isPlainCode(raw))) {
        lastStatus = 0;
        return raw;
      }
      break;
    case 'number':
      if (p.numeric && Number.isFinite(raw)) {
        // normaliseAmount / normaliseNumber: the number itself (−0 → 0), flag "negative" below zero.
        lastStatus = raw < 0 && p.ruleFlags.has('negative') ? CELL_NOTABLE : 0;
        return raw === 0 ? 0 : raw;
      }
      break;
    case 'object':
      if (raw === null) break;
      if (raw instanceof Date) {
        if (p.date) {
          const iso = isoOfUtcMidnight(raw);
          if (iso) {
            lastStatus = 0; // flag dateObject only
            return iso;
          }
        }
      } else if (unwrapCell(raw) === FORMULA_NO_VALUE) {
        // Every column type reads a formula without a cached value as empty (flag formulaNoValue only).
        lastStatus = CELL_EMPTY;
        return null;
      }
      break;
  }
  return fromRecord(normaliseCell(p.def, p.key, raw, ctx, p.memo), p);
}

const FORMULA_KEYS = new Set<string>(['code', 'budgetTotal', 'taskName', 'draft']);
for (const c of [...TASK_COLUMNS, ...BUDGET_COLUMNS, ...MILESTONE_COLUMNS]) if (c.type === 'formula') FORMULA_KEYS.add(c.key);
/** Column keys that do not make a row non-blank (on 预算明细 and 里程碑, the task code does). */
export const NON_INPUT: ReadonlySet<string> = FORMULA_KEYS;

/** The column plans of a sheet for one normalisation run. */
export function plansOf(ctx: Ctx, sheet: SheetKind): ColumnPlan[] {
  const columns = SHEET_COLUMNS[sheet];
  const memos = memosOf(ctx, columns);
  return columns.map((def, i) => ({
    def,
    key: def.key,
    text: def.type === 'text' || def.type === 'list' || (def.type === 'formula' && def.key !== 'budgetTotal'),
    uniqueText: def.type === 'text' && !REPEATING_TEXT.has(def.key),
    code: def.type === 'code',
    date: def.type === 'date',
    numeric: def.type === 'amount' || def.type === 'number' || (def.type === 'formula' && def.key === 'budgetTotal'),
    nonInput: sheet === 'tasks' ? NON_INPUT.has(def.key) : def.key !== 'taskCode' && NON_INPUT.has(def.key),
    ruleFlags: ruleFlagsOf(def),
    memo: memos[i],
  }));
}

/** True when a raw cell is input for isBlankRow (not blank, not a formula without a value). */
export function isInputCell(v: unknown): boolean {
  if (isBlank(v)) return false;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    // A formula without a cached value is not input.
    if (('formula' in o || 'sharedFormula' in o) && (o.result === undefined || isBlank(o.result))) return false;
  }
  return true;
}

/** What reading one row gives: values by column position and the status masks. */
export interface RowRead {
  values: unknown[];
  /** Scratch: the raw cells by column position. */
  raws: unknown[];
  empty: number;
  unreadable: number;
  notable: number;
  /** Some column cell is input (a row without is blank unless another key of its cells is input). */
  input: boolean;
}

/**
 * The raw cells of a row by column position, with one named property load per column (the cells
 * objects of a sheet share one shape, so each load is monomorphic; `cells[key]` in a loop is not).
 * Checked against the column lists below.
 */
type Cells = Record<string, unknown>;
const RAW_BY_SHEET: Record<SheetKind, (c: Cells, out: unknown[]) => void> = {
  tasks: (c, o) => {
    o[0] = c.code; o[1] = c.point; o[2] = c.name; o[3] = c.content; o[4] = c.committee; o[5] = c.owner; o[6] = c.partners;
    o[7] = c.start; o[8] = c.end; o[9] = c.kpi; o[10] = c.budgetTotal; o[11] = c.draft; o[12] = c.remarks;
  },
  budget: (c, o) => {
    o[0] = c.taskCode; o[1] = c.taskName; o[2] = c.expenseCategory; o[3] = c.fundingSource; o[4] = c.unitPrice; o[5] = c.quantity; o[6] = c.times;
    o[7] = c.amount; o[8] = c.basis;
  },
  milestones: (c, o) => {
    o[0] = c.taskCode; o[1] = c.taskName; o[2] = c.date; o[3] = c.deliverableType; o[4] = c.deliverable;
  },
};
{
  // The loads above must follow the column lists exactly.
  for (const sheet of ['tasks', 'budget', 'milestones'] as const) {
    const cols = SHEET_COLUMNS[sheet];
    const probe: Cells = Object.fromEntries(cols.map((c, i) => [c.key, i]));
    const out: unknown[] = [];
    RAW_BY_SHEET[sheet](probe, out);
    if (out.length !== cols.length || out.some((v, i) => v !== i)) throw new Error(`rows.ts: RAW_BY_SHEET.${sheet} does not follow the ${sheet} columns`);
  }
}

/** Read the column cells of a row into `out` (reused between rows). */
export function readRow(cells: Record<string, unknown>, sheet: SheetKind, plans: ColumnPlan[], ctx: Ctx, out: RowRead): RowRead {
  RAW_BY_SHEET[sheet](cells, out.raws);
  return readRaws(plans, ctx, out);
}

/** The raw cells of a row of each sheet by column position, into `out` (see RAW_BY_SHEET). */
export const rawTaskCells = RAW_BY_SHEET.tasks;
export const rawBudgetCells = RAW_BY_SHEET.budget;
export const rawMilestoneCells = RAW_BY_SHEET.milestones;

/**
 * readRow after the raw cells are in `out.raws` (the callers of each sheet fill them with their
 * own reader: one call site per sheet keeps this loop free of a lookup by sheet name).
 */
export function readRaws(plans: ColumnPlan[], ctx: Ctx, out: RowRead): RowRead {
  let empty = 0, unreadable = 0, notable = 0;
  let input = false;
  const values = out.values;
  const raws = out.raws;
  for (let i = 0; i < plans.length; i++) {
    const p = plans[i];
    const raw = raws[i];
    if (!input && !p.nonInput && isInputCell(raw)) input = true;
    values[i] = readCell(p, raw, ctx);
    const s = lastStatus;
    if (s !== 0) {
      const bit = 1 << i;
      if (s & CELL_EMPTY) empty |= bit;
      if (s & CELL_UNREADABLE) unreadable |= bit;
      if (s & CELL_NOTABLE) notable |= bit;
    }
  }
  out.empty = empty;
  out.unreadable = unreadable;
  out.notable = notable;
  out.input = input;
  return out;
}

// ───────────────────────── row records ─────────────────────────

/** What the rows of one submission share: the normalisation context (for records built on demand). */
export interface RowStore {
  ctx: Ctx;
}

/** RowRecord.#bits: empty mask in bits 0–15, unreadable mask in bits 16–31 (as an int32); #notable: its mask, plus ASSIGNED. */
const ASSIGNED = 1 << 30;

/** Common part of TaskRow, BudgetLineRow and MilestoneRow: raw cells, status masks, lazily built fields. */
export abstract class RowRecord {
  // Four slots only: rows are many (every slot costs 8 bytes per row).
  #cells: Record<string, unknown>;
  #store: RowStore;
  #fields: Fields | undefined = undefined;
  #bits: number;
  #notable: number;

  constructor(cells: Record<string, unknown>, store: RowStore, r: RowRead) {
    this.#cells = cells;
    this.#store = store;
    this.#bits = r.empty | (r.unreadable << 16);
    this.#notable = r.notable;
  }

  /** The sheet of the row (its columns). */
  protected abstract sheetKind(): SheetKind;

  /** Normalisation record per column key (raw + note + flags), built on first access. */
  get fields(): Fields {
    let f = this.#fields;
    if (f === undefined) {
      const sheet = this.sheetKind();
      f = this.#fields = fieldsOf(this.#cells, SHEET_COLUMNS[sheet], SHEET_BY_KEY[sheet], this.#store.ctx);
    }
    return f;
  }

  set fields(f: Fields) {
    this.#fields = f;
    this.#notable |= ASSIGNED;
  }

  /** True while the status masks describe the row (fields not replaced). */
  get compact(): boolean {
    return (this.#notable & ASSIGNED) === 0;
  }

  /** Bit i: column i of the sheet is empty / unreadable / notable (see the module comment). Valid while `compact`. */
  get emptyMask(): number {
    return this.#bits & 0xffff;
  }
  get unreadableMask(): number {
    return this.#bits >>> 16;
  }
  get notableMask(): number {
    return this.#notable & ~ASSIGNED;
  }

  /** The record of one cell, as `fields[key]` (built alone when the fields are not built yet). */
  recordOf(key: string): Normalised<unknown> | undefined {
    if (this.#fields !== undefined) return this.#fields[key];
    const sheet = this.sheetKind();
    const cells = this.#cells;
    const def = SHEET_BY_KEY[sheet].get(key);
    if (def) return normaliseCell(def, key, cells[key], this.#store.ctx, memosOf(this.#store.ctx, SHEET_COLUMNS[sheet])[SHEET_COL[sheet].get(key)!]);
    return Object.prototype.hasOwnProperty.call(cells, key) ? normaliseText(cells[key]) : undefined;
  }

  /** The raw value of a cell, as `fields[key]?.raw` (null when there is no record). */
  rawOf(key: string): unknown {
    if (this.#fields !== undefined) {
      const f = this.#fields[key];
      return f ? f.raw : null;
    }
    const cells = this.#cells;
    if (SHEET_BY_KEY[this.sheetKind()].has(key) || Object.prototype.hasOwnProperty.call(cells, key)) return cells[key];
    return null;
  }
}

// Public fields are `declare`d (no class-field definition before the constructor's assignments, which create them in order).
export class TaskRow extends RowRecord implements Task {
  declare code: string;
  declare point: number | null;
  declare name: string;
  declare content: string;
  declare committeeId: string | null;
  declare committeeText: string;
  declare owner: string;
  declare partners: string;
  declare start: string | null;
  declare end: string | null;
  declare kpi: string;
  declare remarks: string;
  declare draft: boolean;
  declare declaredTotal: number | null;
  declare milestones: Milestone[];
  declare source: RowSource;
  declare columns?: Record<string, string>;

  constructor(cells: Record<string, unknown>, store: RowStore, r: RowRead, source: RowSource, columns: Record<string, string> | undefined) {
    super(cells, store, r);
    const v = r.values;
    const committeeRaw = cells.committee;
    this.code = str(v[T_CODE]);
    this.point = num(v[T_POINT]);
    this.name = str(v[T_NAME]);
    this.content = str(v[T_CONTENT]);
    this.committeeId = typeof v[T_COMMITTEE] === 'string' ? (v[T_COMMITTEE] as string) : null;
    this.committeeText = typeof committeeRaw === 'string' ? committeeRaw.trim() : committeeRaw != null ? String(committeeRaw) : '';
    this.owner = str(v[T_OWNER]);
    this.partners = str(v[T_PARTNERS]);
    this.start = str(v[T_START]) || null;
    this.end = str(v[T_END]) || null;
    this.kpi = str(v[T_KPI]);
    this.remarks = str(v[T_REMARKS]);
    this.draft = v[T_DRAFT] === true;
    this.declaredTotal = num(v[T_TOTAL]);
    this.milestones = [];
    this.source = source;
    this.columns = columns;
  }

  protected sheetKind(): SheetKind {
    return 'tasks';
  }

  toJSON(): Task {
    return { ...this, fields: this.fields };
  }
}

export class BudgetLineRow extends RowRecord implements BudgetLine {
  declare taskCode: string;
  declare expenseCategory: string;
  declare fundingSource: string;
  declare unitPrice: number | null;
  declare quantity: number | null;
  declare times: number | null;
  declare amount: number | null;
  declare amountSource?: 'cell' | 'computed' | null;
  declare amountOutOfRange?: number;
  declare basis: string;
  declare source: RowSource;
  declare columns?: Record<string, string>;

  constructor(cells: Record<string, unknown>, store: RowStore, r: RowRead, source: RowSource, columns: Record<string, string> | undefined, computed: number | null) {
    super(cells, store, r);
    const v = r.values;
    const cell = num(v[B_AMOUNT]);
    this.taskCode = str(v[B_TASK]);
    this.expenseCategory = str(v[B_CATEGORY]);
    this.fundingSource = str(v[B_SOURCE]);
    this.unitPrice = num(v[B_PRICE]);
    this.quantity = num(v[B_QUANTITY]);
    this.times = num(v[B_TIMES]);
    const amount = cell !== null ? cell : computed;
    if (amount !== null && !(Math.abs(amount) <= MAX_AMOUNT)) {
      // 1e308, an overflowing product, NaN: reported (amount.outOfRange), never added up
      this.amount = null;
      this.amountSource = null;
      this.amountOutOfRange = amount;
    } else {
      this.amount = amount === 0 ? 0 : amount; // no negative zero
      this.amountSource = cell !== null ? 'cell' : computed !== null ? 'computed' : null;
    }
    this.basis = str(v[B_BASIS]);
    this.source = source;
    this.columns = columns;
  }

  protected sheetKind(): SheetKind {
    return 'budget';
  }

  toJSON(): BudgetLine {
    return { ...this, fields: this.fields };
  }
}

export class MilestoneRow extends RowRecord implements Milestone {
  declare taskCode: string;
  declare date: string | null;
  declare deliverableType: string;
  declare deliverable: string;
  declare source: RowSource;
  declare columns?: Record<string, string>;

  constructor(cells: Record<string, unknown>, store: RowStore, r: RowRead, source: RowSource, columns: Record<string, string> | undefined) {
    super(cells, store, r);
    const v = r.values;
    this.taskCode = str(v[M_TASK]);
    this.date = str(v[M_DATE]) || null;
    this.deliverableType = str(v[M_TYPE]);
    this.deliverable = str(v[M_DELIVERABLE]);
    this.source = source;
    this.columns = columns;
  }

  protected sheetKind(): SheetKind {
    return 'milestones';
  }

  toJSON(): Milestone {
    return { ...this, fields: this.fields };
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const col = (m: Map<string, number>, key: string): number => {
  const i = m.get(key);
  if (i === undefined) throw new Error(`no column ${key}`);
  return i;
};
const T_CODE = col(TASK_COL, 'code'), T_POINT = col(TASK_COL, 'point'), T_NAME = col(TASK_COL, 'name'), T_CONTENT = col(TASK_COL, 'content');
const T_COMMITTEE = col(TASK_COL, 'committee'), T_OWNER = col(TASK_COL, 'owner'), T_PARTNERS = col(TASK_COL, 'partners');
const T_START = col(TASK_COL, 'start'), T_END = col(TASK_COL, 'end'), T_KPI = col(TASK_COL, 'kpi'), T_REMARKS = col(TASK_COL, 'remarks');
const T_DRAFT = col(TASK_COL, 'draft'), T_TOTAL = col(TASK_COL, 'budgetTotal');
const B_TASK = col(BUDGET_COL, 'taskCode'), B_CATEGORY = col(BUDGET_COL, 'expenseCategory'), B_SOURCE = col(BUDGET_COL, 'fundingSource');
export const B_PRICE = col(BUDGET_COL, 'unitPrice'), B_QUANTITY = col(BUDGET_COL, 'quantity'), B_TIMES = col(BUDGET_COL, 'times');
export const B_AMOUNT = col(BUDGET_COL, 'amount');
const B_BASIS = col(BUDGET_COL, 'basis');
const M_TASK = col(MILESTONE_COL, 'taskCode'), M_DATE = col(MILESTONE_COL, 'date'), M_TYPE = col(MILESTONE_COL, 'deliverableType'), M_DELIVERABLE = col(MILESTONE_COL, 'deliverable');

// ───────────────────────── status of any row ─────────────────────────

type AnyRow = { fields?: Fields };

/** A plain row's status bits from its records: no record counts as empty; any record is "notable" (rules then read it). */
function plainStatus(f: Normalised<unknown> | undefined): number {
  if (!f) return CELL_EMPTY;
  return (f.empty ? CELL_EMPTY : 0) | (f.unreadable ? CELL_UNREADABLE : 0) | CELL_NOTABLE;
}

/**
 * Status bits of a cell of any row: a compact row answers from its masks; a row built elsewhere
 * (a plain object with `fields`) from its record — no record reads as empty, and every record as
 * notable, so rules consult it.
 */
export function cellStatus(row: AnyRow, key: string, col: number): number {
  if (row instanceof RowRecord && row.compact) {
    const bit = 1 << col;
    return (row.emptyMask & bit ? CELL_EMPTY : 0) | (row.unreadableMask & bit ? CELL_UNREADABLE : 0) | (row.notableMask & bit ? CELL_NOTABLE : 0);
  }
  return plainStatus(row.fields ? row.fields[key] : undefined);
}

/** Mask of the columns of `sheet` whose cells have `bit` (CELL_EMPTY, CELL_UNREADABLE or CELL_NOTABLE) in cellStatus. */
export function statusMask(row: AnyRow, sheet: SheetKind, bit: number): number {
  if (row instanceof RowRecord && row.compact) return bit === CELL_EMPTY ? row.emptyMask : bit === CELL_UNREADABLE ? row.unreadableMask : row.notableMask;
  const cols = SHEET_COLUMNS[sheet];
  let m = 0;
  for (let i = 0; i < cols.length; i++) if (plainStatus(row.fields ? row.fields[cols[i].key] : undefined) & bit) m |= 1 << i;
  return m;
}

/** The record of a cell of any row (`fields[key]`, without building the other records of a compact row). */
export function recordOf(row: AnyRow, key: string): Normalised<unknown> | undefined {
  if (row instanceof RowRecord) return row.recordOf(key);
  return row.fields ? row.fields[key] : undefined;
}

/** The raw value of a cell of any row, as `fields[key]?.raw`, null without a record. */
export function rawOf(row: AnyRow, key: string): unknown {
  if (row instanceof RowRecord) return row.rawOf(key);
  const f = row.fields ? row.fields[key] : undefined;
  return f ? f.raw : null;
}

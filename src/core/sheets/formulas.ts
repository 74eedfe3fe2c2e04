/**
 * The formulas of the committee workbook — 金额 = 单价 × 数量 × 次数 (预算明细), 预算合计 = SUMIF of the
 * task's lines (任务表), 任务名称 looked up by task code (预算明细, 里程碑) — written by
 * committeeWorkbook from the builders here, and their value computed from the cells they refer to.
 *
 * Files saved by programs that do not calculate (Python's openpyxl and other generators, a
 * workbook never calculated before a manual-calculation save) hold formula cells with an empty or
 * missing value. The hosts hand those over as `{ formula }` objects; readGrid asks the
 * FormulaEvaluator for the value Excel would cache, so such a file reads as it would after
 * opening and saving it in Excel. A formula of another shape, or one whose value depends on what
 * is not evaluated here (a wildcard or number-like criterion, text Excel might convert to a
 * number, a date, a cycle, a sheet that is not there), has no value (NO_VALUE): readGrid reports it
 * (read.formula.noValue) and it is never read as 0. Pure.
 */
import type { GridSheet } from './readGrid';

const q = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** 金额 of row r: 单价 × 数量 × 次数, an empty 数量 or 次数 counting as 1, empty without a numeric 单价. */
export function amountFormula(price: string, quantity: string, times: string, r: number): string {
  return `IF(COUNT($${price}${r})=0,"",$${price}${r}*IF(LEN($${quantity}${r})=0,1,$${quantity}${r})*IF(LEN($${times}${r})=0,1,$${times}${r}))`;
}

/** 预算合计 of the task in row r: the sum of its lines on the budget sheet, empty when it has none. */
export function budgetTotalFormula(budgetSheet: string, lineCode: string, lineAmount: string, first: number, last: number, taskCode: string, r: number): string {
  const codes = `${q(budgetSheet)}!$${lineCode}$${first}:$${lineCode}$${last}`;
  return `IF(COUNTIF(${codes},$${taskCode}${r})=0,"",SUMIF(${codes},$${taskCode}${r},${q(budgetSheet)}!$${lineAmount}$${first}:$${lineAmount}$${last}))`;
}

/** The text a name lookup shows for a code that is not on 任务表. */
export const UNKNOWN_CODE_TEXT = '（无此任务编号）';

/** 任务名称 of row r: the name of the task whose code is in column `code`, looked up on the task sheet. */
export function nameLookupFormula(taskSheet: string, taskName: string, taskCode: string, first: number, last: number, code: string, r: number): string {
  return `IF($${code}${r}="","",IFERROR(INDEX(${q(taskSheet)}!$${taskName}$${first}:$${taskName}$${last},MATCH($${code}${r},${q(taskSheet)}!$${taskCode}$${first}:$${taskCode}$${last},0)),"${UNKNOWN_CODE_TEXT}"))`;
}

// ───────────────────────── recognising our formulas ─────────────────────────

interface Ref {
  /** Sheet name as written, or null for the formula's own sheet. */
  sheet: string | null;
  row: number;
  col: number;
  /** The row is absolute ($4): it stays when the formula is filled down. */
  fixed?: boolean;
}
interface Area {
  sheet: string | null;
  r1: number;
  c1: number;
  r2: number;
  c2: number;
  fixed1?: boolean;
  fixed2?: boolean;
}
type Shape =
  | { kind: 'amount'; price: Ref; quantity: Ref; times: Ref }
  | { kind: 'total'; codes: Area; code: Ref; amounts: Area }
  | { kind: 'lookup'; code: Ref; names: Area; codes: Area; fallback: string };

const R = String.raw`\$?[A-Za-z]{1,3}\$?\d{1,7}`;
const S = String.raw`(?:'(?:[^']|'')+'|[^'!(),"\s]+)!`;
const AMOUNT_RE = new RegExp(String.raw`^IF\(COUNT\((${R})\)=0,"",(${R})\*IF\(LEN\((${R})\)=0,1,(${R})\)\*IF\(LEN\((${R})\)=0,1,(${R})\)\)$`, 'i');
const TOTAL_RE = new RegExp(String.raw`^IF\(COUNTIF\((${S})(${R}):(${R}),(${R})\)=0,"",SUMIF\((${S})(${R}):(${R}),(${R}),(${S})(${R}):(${R})\)\)$`, 'i');
const LOOKUP_RE = new RegExp(String.raw`^IF\((${R})="","",IFERROR\(INDEX\((${S})(${R}):(${R}),MATCH\((${R}),(${S})(${R}):(${R}),0\)\),"((?:[^"]|"")*)"\)\)$`, 'i');
const REF_PARTS = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

function colNumber(letters: string): number {
  let c = 0;
  const s = letters.toUpperCase();
  for (let i = 0; i < s.length; i++) c = c * 26 + (s.charCodeAt(i) - 64);
  return c;
}

function ref(text: string, sheet: string | null = null): Ref {
  const m = REF_PARTS.exec(text)!;
  return { sheet, row: Number(m[2]), col: colNumber(m[1]), fixed: text.charCodeAt(text.length - m[2].length - 1) === 36 };
}

function sheetOf(token: string): string {
  const t = token.slice(0, -1); // the "!"
  return t.startsWith("'") ? t.slice(1, -1).replace(/''/g, "'") : t;
}

function area(sheetToken: string, a: string, b: string): Area {
  let x = ref(a), y = ref(b);
  if (y.row < x.row) [x, y] = [y, x];
  return { sheet: sheetOf(sheetToken), r1: x.row, c1: Math.min(x.col, y.col), r2: y.row, c2: Math.max(x.col, y.col), fixed1: x.fixed, fixed2: y.fixed };
}

/** The shape of the same formula filled down (or up) by d rows: relative rows move, absolute ones stay. */
function shifted(s: Shape, d: number): Shape {
  const r = (x: Ref): Ref => (x.fixed ? x : { ...x, row: x.row + d });
  const a = (x: Area): Area => (x.fixed1 && x.fixed2 ? x : { ...x, r1: x.fixed1 ? x.r1 : x.r1 + d, r2: x.fixed2 ? x.r2 : x.r2 + d });
  switch (s.kind) {
    case 'amount':
      return { kind: 'amount', price: r(s.price), quantity: r(s.quantity), times: r(s.times) };
    case 'total':
      return { kind: 'total', codes: a(s.codes), code: r(s.code), amounts: a(s.amounts) };
    case 'lookup':
      return { kind: 'lookup', code: r(s.code), names: a(s.names), codes: a(s.codes), fallback: s.fallback };
  }
}

const isWordChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Found by nextRelative: the row digits formula[refFrom, refTo) of a relative reference, and where the scan goes on. */
let refFrom = 0, refTo = 0, scanAt = 0;
const END = 0, REF = 1, UNQUOTED = 2;

/**
 * From `i`, the next relative reference's row digits ($?letters{1,3}digits, not followed by a word
 * character or "("; quoted text and sheet names skipped): REF with refFrom/refTo/scanAt set, END,
 * or UNQUOTED (a quote never closed: the formula is its own filled key).
 */
function nextRelative(formula: string, i: number): number {
  const n = formula.length;
  while (i < n) {
    const c = formula.charCodeAt(i);
    if (c === 34 || c === 39) {
      // "text" or 'sheet name' (a doubled quote inside stays inside)
      let j = i + 1;
      for (;;) {
        j = formula.indexOf(c === 34 ? '"' : "'", j);
        if (j < 0) return UNQUOTED;
        if (formula.charCodeAt(j + 1) === c) j += 2;
        else break;
      }
      i = j + 1;
      continue;
    }
    if ((c === 36 || isLetter(c)) && (i === 0 || !isWordChar(formula.charCodeAt(i - 1)))) {
      // $?letters{1,3}$?digits, not followed by a word character or "("
      let j = i + (c === 36 ? 1 : 0);
      const l0 = j;
      while (j < n && isLetter(formula.charCodeAt(j))) j++;
      const letters = j - l0;
      const fixed = formula.charCodeAt(j) === 36;
      if (fixed) j++;
      const d0 = j;
      while (j < n && formula.charCodeAt(j) >= 48 && formula.charCodeAt(j) <= 57) j++;
      if (letters >= 1 && letters <= 3 && j > d0 && !(j < n && (isWordChar(formula.charCodeAt(j)) || formula.charCodeAt(j) === 40))) {
        if (!fixed) {
          refFrom = d0;
          refTo = j;
          scanAt = j;
          return REF;
        }
        i = j;
        continue;
      }
      i = Math.max(j, i + 1);
      continue;
    }
    i++;
  }
  return END;
}

/**
 * The formula with the row of each relative reference written as its distance from `row`: the
 * same text for every cell of a column filled down. Quoted text and sheet names are kept as they are.
 */
export function filledKey(formula: string, row: number): string {
  let out = '';
  let from = 0;
  for (let i = 0; ; i = scanAt) {
    const found = nextRelative(formula, i);
    if (found === UNQUOTED) return formula;
    if (found === END) return out + formula.slice(from);
    out += formula.slice(from, refFrom) + '\u0001' + String(Number(formula.slice(refFrom, refTo)) - row);
    from = refTo;
  }
}

/** Whether a[af, at) and b[bf, bt) are the same text. */
function sameSpan(a: string, af: number, at: number, b: string, bf: number, bt: number): boolean {
  if (at - af !== bt - bf) return false;
  for (let k = 0; k < at - af; k++) if (a.charCodeAt(af + k) !== b.charCodeAt(bf + k)) return false;
  return true;
}

/**
 * filledKey(a, rowA) === filledKey(b, rowB), without making the keys: the text between relative
 * rows the same, and each relative row at the same distance. (A key is its pieces of text, each
 * relative row's "\u0001" and distance between them; with no "\u0001" in the formulas, and a
 * piece after a row never starting with a digit, letter, "_" or ".", equal keys are equal pieces.)
 */
export function sameFilledKey(a: string, rowA: number, b: string, rowB: number): boolean {
  if (a.indexOf('\u0001') >= 0 || b.indexOf('\u0001') >= 0) return filledKey(a, rowA) === filledKey(b, rowB);
  let ia = 0, ib = 0, fa = 0, fb = 0;
  for (;;) {
    const xa = nextRelative(a, ia);
    const a0 = refFrom, a1 = refTo, sa = scanAt;
    const xb = nextRelative(b, ib);
    if (xa === UNQUOTED || xb === UNQUOTED) return filledKey(a, rowA) === filledKey(b, rowB);
    if (xa !== xb) return false;
    if (xa === END) return sameSpan(a, fa, a.length, b, fb, b.length);
    if (!sameSpan(a, fa, a0, b, fb, refFrom)) return false;
    if (Number(a.slice(a0, a1)) - rowA !== Number(b.slice(refFrom, refTo)) - rowB) return false;
    fa = a1;
    ia = sa;
    fb = refTo;
    ib = scanAt;
  }
}

const sameRef = (a: Ref, b: Ref) => a.row === b.row && a.col === b.col && a.sheet === b.sheet;
const sameArea = (a: Area, b: Area) => a.r1 === b.r1 && a.c1 === b.c1 && a.r2 === b.r2 && a.c2 === b.c2 && (a.sheet ?? '').toUpperCase() === (b.sheet ?? '').toUpperCase();

/** The shape of one of our formulas (any rows and columns: rows inserted, columns moved), or null. */
export function shapeOf(formula: string): Shape | null {
  const f = formula.trim().replace(/^=/, '');
  let m = AMOUNT_RE.exec(f);
  if (m) {
    const [p1, p2, q1, q2, t1, t2] = m.slice(1).map((x) => ref(x));
    return sameRef(p1, p2) && sameRef(q1, q2) && sameRef(t1, t2) ? { kind: 'amount', price: p1, quantity: q1, times: t1 } : null;
  }
  m = TOTAL_RE.exec(f);
  if (m) {
    const codes = area(m[1], m[2], m[3]);
    const code = ref(m[4]);
    const again = area(m[5], m[6], m[7]);
    const code2 = ref(m[8]);
    const amounts = area(m[9], m[10], m[11]);
    return sameArea(codes, again) && sameRef(code, code2) ? { kind: 'total', codes, code, amounts } : null;
  }
  m = LOOKUP_RE.exec(f);
  if (m) {
    const code = ref(m[1]);
    const names = area(m[2], m[3], m[4]);
    const code2 = ref(m[5]);
    const codes = area(m[6], m[7], m[8]);
    return sameRef(code, code2) ? { kind: 'lookup', code, names, codes, fallback: m[9].replace(/""/g, '"') } : null;
  }
  return null;
}

// ───────────────────────── evaluating them ─────────────────────────

/** A formula's value that cannot be known here. */
export const NO_VALUE: unique symbol = Symbol('no value');
export type CellError = { error: string };
/** What a cell holds for a formula: empty, a number, text, a logical, a Date, or an error value. */
export type Value = null | number | string | boolean | Date | CellError;
type Result = Value | typeof NO_VALUE;

const isError = (v: unknown): v is CellError => v !== null && typeof v === 'object' && !(v instanceof Date) && 'error' in (v as object);

/**
 * The formula text of a cell that is a formula without a cached value (`{ formula }` as the hosts
 * give it, also `{ sharedFormula }`), else null. As core/plan/normalise unwrapCell decides.
 */
export function formulaWithoutValue(v: unknown): string | null {
  if (v === null || typeof v !== 'object' || v instanceof Date) return null;
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) return null;
  if ('result' in o && o.result !== undefined) return null;
  if ('formula' in o) return typeof o.formula === 'string' ? o.formula : '';
  if ('sharedFormula' in o) return '';
  return null;
}

/** Text that Excel reads as a number in arithmetic for sure (plain decimal, ASCII, spaces around). */
const PLAIN_NUMBER = /^ *[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)? *$/;
/** ASCII letters then digits ("T001"): no number, date or time unless the letters are a month. */
const CODE_CRITERION = /^([A-Za-z]{1,8})\d{1,8}$/;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const isMonthWord = (w: string) => w.length >= 3 && MONTHS.some((m) => m.startsWith(w.toLowerCase()));
/** Characters a number, date or time may be written with (ASCII, full-width forms, Chinese date words and numerals). */
const MAY_BE_NUMBER_OR_DATE = /^[\x20-\x7e\s\uff01-\uff5e\u3000年月日时分秒上下午点〇零一二三四五六七八九十]*$/;

/**
 * True when COUNTIF reads the criterion as text equal to it (case-insensitive) and nothing else: no
 * wildcard or comparison, and it cannot be a number, date, time or logical (which also match
 * numeric cells): it holds a character none of those have ("【要点 4】…", "课题一"), or it is a code.
 */
function isTextCriterion(c: string): boolean {
  if (c === '' || /[*?~]/.test(c) || /^[=<>]/.test(c)) return false;
  if (!MAY_BE_NUMBER_OR_DATE.test(c)) return true;
  const m = CODE_CRITERION.exec(c);
  return !!m && !isMonthWord(m[1]);
}

/** An index of a one-column area for exact matches (MATCH …,0; COUNTIF with a code). */
interface AreaIndex {
  /** Rows (0-based in the area) by match key, in order. */
  rows: Map<string, number[]>;
  /** First row whose value is unknown (a formula without value we cannot compute), or Infinity. */
  firstUnknown: number;
  /** Some cell is the number 0 (what an empty COUNTIF criterion may match). */
  hasZero: boolean;
  /** Some cell is text that reads as a number (what a numeric criterion also matches). */
  hasNumberText: boolean;
}

function keyOf(v: Value): string | null {
  if (typeof v === 'string') return 's' + v.toUpperCase();
  if (typeof v === 'number') return 'n' + String(v);
  if (typeof v === 'boolean') return 'b' + String(v);
  return null;
}

const indexKey = (name: string, a: Area) => `${name.toUpperCase()}!${a.r1}:${a.c1}:${a.r2}`;

/** Set by shapeAt: whether the shape it gave is the one `shapes` holds for the formula's key. */
let shapeKept = false;

/**
 * Values of our formulas on a workbook's grids, for formula cells without a cached value. Cells
 * that hold a value (a cached result) are read as they are; formula cells without one that they
 * refer to are computed in turn (memoised; a cycle has no value).
 */
export class FormulaEvaluator {
  private readonly byName = new Map<string, GridSheet>();
  /** Sheets by their exact name (references usually spell it so), else byName (upper case). */
  private readonly exact = new Map<string, GridSheet>();
  /** Values by sheet, then row × 16,384 + column. */
  private readonly memo = new Map<GridSheet, Map<number, Result>>();
  private readonly indexes = new Map<string, AreaIndex | null>();
  /** Shapes by filledKey: a column of one formula filled down is recognised once. */
  private readonly shapes = new Map<string, { shape: Shape | null; row: number }>();
  /**
   * By sheet and column, the last formula whose shape came from `shapes`: the next one of the
   * column with the same filled key (sameFilledKey: no key made) has that shape moved by the rows
   * between — what shapes gives for the key, the moves adding up.
   */
  private readonly lastShape = new Map<GridSheet, ({ formula: string; row: number; shape: Shape | null } | undefined)[]>();
  /** Indexes by the Area object of a shape (areas with fixed rows are shared by a column's shapes), and the sheet they were made for. */
  private readonly areaIndexes = new Map<Area, { sheet: string; ix: AreaIndex }>();

  constructor(sheets: GridSheet[]) {
    for (const s of sheets) {
      this.byName.set(s.name.toUpperCase(), s);
      this.exact.set(s.name, s);
    }
  }

  private sheet(name: string): GridSheet | undefined {
    return this.exact.get(name) ?? this.byName.get(name.toUpperCase());
  }

  /** The value of the formula in sheet `sheet`, row `row`, column `col` (1-based), or NO_VALUE. */
  valueOf(sheet: string, row: number, col: number, formula: string): Result {
    const g = this.sheet(sheet);
    if (!g) return NO_VALUE;
    let memo = this.memo.get(g);
    if (!memo) this.memo.set(g, (memo = new Map()));
    const key = row * 16384 + col;
    const known = memo.get(key);
    if (known !== undefined) return known;
    memo.set(key, NO_VALUE); // a cycle reads as no value
    let v: Result;
    try {
      v = this.compute(g.name, this.shapeIn(g, col, formula, row));
    } catch {
      v = NO_VALUE;
    }
    memo.set(key, v);
    return v;
  }

  /** shapeAt, through the column's last formula when the key is the same. */
  private shapeIn(g: GridSheet, col: number, formula: string, row: number): Shape | null {
    let lasts = this.lastShape.get(g);
    if (!lasts) this.lastShape.set(g, (lasts = []));
    const last = col <= 16_384 ? lasts[col] : undefined;
    if (last && sameFilledKey(last.formula, last.row, formula, row)) {
      const shape = last.shape && last.row !== row ? shifted(last.shape, row - last.row) : last.shape;
      lasts[col] = { formula, row, shape };
      return shape;
    }
    const shape = this.shapeAt(formula, row);
    if (col <= 16_384) lasts[col] = shapeKept ? { formula, row, shape } : undefined;
    return shape;
  }

  private shapeAt(formula: string, row: number): Shape | null {
    const key = filledKey(formula, row);
    const known = this.shapes.get(key);
    shapeKept = true;
    if (known) return known.shape && known.row !== row ? shifted(known.shape, row - known.row) : known.shape;
    const shape = shapeOf(formula);
    if (this.shapes.size < 10_000) this.shapes.set(key, { shape, row });
    else shapeKept = false;
    return shape;
  }

  private compute(sheet: string, shape: Shape | null): Result {
    if (!shape) return NO_VALUE;
    switch (shape.kind) {
      case 'amount':
        return this.amount(sheet, shape);
      case 'total':
        return this.total(sheet, shape);
      case 'lookup':
        return this.lookup(sheet, shape);
    }
  }

  /** IF(COUNT(p)=0,"",p*IF(LEN(q)=0,1,q)*IF(LEN(t)=0,1,t)). */
  private amount(sheet: string, s: Extract<Shape, { kind: 'amount' }>): Result {
    const p = this.at(sheet, s.price);
    if (p === NO_VALUE || p instanceof Date) return NO_VALUE;
    if (typeof p !== 'number') return ''; // COUNT counts numbers only (not text, logicals, errors)
    const qv = this.factor(this.at(sheet, s.quantity));
    if (qv === NO_VALUE || isError(qv)) return qv;
    const tv = this.factor(this.at(sheet, s.times));
    if (tv === NO_VALUE || isError(tv)) return tv;
    const v = p * qv * tv;
    return Number.isFinite(v) ? v : { error: '#NUM!' };
  }

  /** IF(LEN(x)=0,1,x) as a factor of a product. */
  private factor(v: Result): number | CellError | typeof NO_VALUE {
    if (v === NO_VALUE) return NO_VALUE;
    if (v === null || v === '') return 1;
    if (typeof v === 'number') return v;
    if (isError(v)) return v;
    if (typeof v === 'string' && PLAIN_NUMBER.test(v)) return Number(v);
    return NO_VALUE; // a logical, a Date, or text Excel may or may not convert
  }

  /** IF(COUNTIF(codes,c)=0,"",SUMIF(codes,c,amounts)). */
  private total(sheet: string, s: Extract<Shape, { kind: 'total' }>): Result {
    const { codes, amounts } = s;
    if (codes.c1 !== codes.c2 || amounts.c1 !== amounts.c2 || codes.r2 - codes.r1 !== amounts.r2 - amounts.r1) return NO_VALUE;
    const c = this.at(sheet, s.code);
    if (c === NO_VALUE || isError(c)) return c;
    const ix = this.index(sheet, codes);
    if (!ix || ix.firstUnknown !== Infinity) return NO_VALUE;
    let rows: number[];
    if (c === null) {
      // An empty criterion: Excel matches no text code; whether it matches 0 is not relied on.
      if (ix.hasZero) return NO_VALUE;
      rows = [];
    } else if (typeof c === 'string') {
      if (!isTextCriterion(c)) return NO_VALUE;
      rows = ix.rows.get(keyOf(c)!) ?? [];
    } else if (typeof c === 'number') {
      if (ix.hasNumberText) return NO_VALUE;
      rows = ix.rows.get(keyOf(c)!) ?? [];
    } else return NO_VALUE;
    if (rows.length === 0) return '';
    const amountSheet = amounts.sheet ?? sheet;
    let sum = 0;
    for (const i of rows) {
      const v = this.at(amountSheet, { sheet: amountSheet, row: amounts.r1 + i, col: amounts.c1 });
      if (v === NO_VALUE || v instanceof Date) return NO_VALUE;
      if (isError(v)) return v;
      if (typeof v === 'number') sum += v; // SUMIF skips text, empty cells and logicals
    }
    return sum;
  }

  /** IF(c="","",IFERROR(INDEX(names,MATCH(c,codes,0)),fallback)). */
  private lookup(sheet: string, s: Extract<Shape, { kind: 'lookup' }>): Result {
    const c = this.at(sheet, s.code);
    if (c === NO_VALUE || isError(c)) return c;
    if (c === null || c === '') return '';
    if (c instanceof Date || (typeof c === 'string' && /[*?~]/.test(c))) return NO_VALUE; // wildcards
    if (s.codes.c1 !== s.codes.c2 || s.names.c1 !== s.names.c2) return NO_VALUE;
    const ix = this.index(sheet, s.codes);
    if (!ix) return NO_VALUE;
    const found = ix.rows.get(keyOf(c)!);
    const k = found ? found[0] : Infinity;
    if (ix.firstUnknown < k || (k === Infinity && ix.firstUnknown !== Infinity)) return NO_VALUE;
    if (k === Infinity || k > s.names.r2 - s.names.r1) return s.fallback; // #N/A or #REF!, caught by IFERROR
    const namesSheet = s.names.sheet ?? sheet;
    const v = this.at(namesSheet, { sheet: namesSheet, row: s.names.r1 + k, col: s.names.c1 });
    if (v === NO_VALUE || v instanceof Date) return NO_VALUE;
    if (isError(v)) return s.fallback;
    return v === null ? 0 : v; // a reference to an empty cell is 0
  }

  /** Exact-match index of a one-column area. */
  private index(sheet: string, a: Area): AreaIndex | null {
    const made = this.areaIndexes.get(a);
    if (made && made.sheet === sheet) return made.ix;
    const ix = this.indexByKey(sheet, a);
    // a finished index only (one being made reads as null: a cycle)
    if (ix) this.areaIndexes.set(a, { sheet, ix });
    return ix;
  }

  private indexByKey(sheet: string, a: Area): AreaIndex | null {
    const name = a.sheet ?? sheet;
    const key = indexKey(name, a);
    if (this.indexes.has(key)) return this.indexes.get(key)!;
    this.indexes.set(key, null); // a cycle through this area has no value
    const g = this.sheet(name);
    let ix: AreaIndex | null = null;
    if (g) {
      ix = { rows: new Map(), firstUnknown: Infinity, hasZero: false, hasNumberText: false };
      // Rows past the grid are empty: only the rows that exist are read.
      const last = Math.min(a.r2, g.rows.length);
      for (let r = a.r1; r <= last; r++) {
        const i = r - a.r1;
        const v = this.at(name, { sheet: name, row: r, col: a.c1 });
        if (v === NO_VALUE || v instanceof Date) {
          if (ix.firstUnknown === Infinity) ix.firstUnknown = i;
          continue;
        }
        if (v === 0) ix.hasZero = true;
        if (typeof v === 'string' && PLAIN_NUMBER.test(v)) ix.hasNumberText = true;
        const k = isError(v) ? null : keyOf(v);
        if (k === null) continue;
        const list = ix.rows.get(k);
        if (list) list.push(i);
        else ix.rows.set(k, [i]);
      }
    }
    this.indexes.set(key, ix);
    return ix;
  }

  /** The value of a referenced cell: its cached value, or its formula computed; NO_VALUE when not known. */
  private at(sheet: string, r: Ref): Result {
    const g = this.sheet(r.sheet ?? sheet);
    if (!g) return NO_VALUE;
    const row = g.rows[r.row - 1];
    return this.plain(row ? row[r.col - 1] : undefined, g.name, r.row, r.col);
  }

  private plain(v: unknown, sheet: string, row: number, col: number): Result {
    if (v === undefined || v === null) return null;
    const t = typeof v;
    if (t === 'string' || t === 'number' || t === 'boolean') return v as string | number | boolean;
    if (v instanceof Date) return v;
    if (t !== 'object') return NO_VALUE;
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((x) => (x && typeof x.text === 'string' ? x.text : '')).join('');
    if ('result' in o && o.result !== undefined) return this.plain(o.result, sheet, row, col);
    const f = formulaWithoutValue(v);
    if (f !== null) return this.valueOf(sheet, row, col, f);
    if ('error' in o) return { error: String(o.error) };
    if ('text' in o) return String(o.text);
    return NO_VALUE;
  }
}

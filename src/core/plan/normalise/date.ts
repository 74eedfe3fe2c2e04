/** Dates and periods of date columns (by column, not by cell format): ISO strings, serials, Chinese dates, periods. */
import type { Normalised } from '../types';
import { CN_DIGIT_RE, CN_DIGITS, CN_NUM, cnInteger, numOf } from '../../util/numerals';
import { describe, ERROR_VALUES, FORMULA_NO_VALUE_FLAGS, isBlank, joinNotes, make, toHalfWidth, unwrapCell } from './cell';

/** start column → first day of a period; end column → last day; date (milestone) → last day. */
export type DateRole = 'start' | 'end' | 'date';

export interface DateRange {
  /** ISO yyyy-mm-dd, inclusive. */
  start: string;
  end: string;
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
const MDAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : MDAYS[m - 1];
}

function isoOf(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Days since 1970-01-01 → [y, m, d] (proleptic Gregorian; H. Hinnant's civil_from_days). */
function civilFromDays(z0: number): [number, number, number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? y + 1 : y, m, d];
}

/** Days since 1970-01-01 of an ISO date. */
export function daysFromIso(iso: string): number {
  const y0 = +iso.slice(0, 4), m = +iso.slice(5, 7), d = +iso.slice(8, 10);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function isoFromDays(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Excel serial (1900 date system) → ISO date; the time part is dropped. */
export function serialToIso(serial: number): string {
  return isoFromDays(Math.floor(serial) - 25569);
}

/** ISO date → Excel serial. */
export function isoToSerial(iso: string): number {
  return daysFromIso(iso) + 25569;
}

const MIN_SERIAL = 18264; // 1950-01-01
const SERIAL_FLAGS = ['serial'];
/** Shared flags of the commonest records (records and their flags are never mutated). */
const DATE_OBJECT_FLAGS = ['dateObject'];
/** ISO dates of UTC-midnight Date values by time, so that repeated dates share one string. */
const ISO_BY_TIME = new Map<number, string>();
const MAX_SERIAL = 2958465; // 9999-12-31

export function dateObjectToIso(d: Date): { iso: string; timeDropped: boolean } | null {
  const t = d.getTime();
  if (!Number.isFinite(t)) return null;
  const utcMidnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;
  if (utcMidnight) return { iso: isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) ?? '', timeDropped: false };
  // A library that built the Date at local midnight (e.g. UTC+8) gives a non-midnight UTC time.
  const localMidnight = d.getHours() === 0 && d.getMinutes() === 0 && d.getSeconds() === 0;
  if (localMidnight) return { iso: isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate()) ?? '', timeDropped: false };
  // Float noise from serial → Date conversion: round to the nearest minute first.
  const r = new Date(Math.round(t / 60000) * 60000);
  if (r.getUTCHours() === 0 && r.getUTCMinutes() === 0) return { iso: isoOf(r.getUTCFullYear(), r.getUTCMonth() + 1, r.getUTCDate()) ?? '', timeDropped: false };
  return { iso: isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) ?? '', timeDropped: true };
}

type DateRead =
  | { kind: 'empty'; formulaNoValue: boolean }
  | { kind: 'error'; note: string; flags: string[] }
  | { kind: 'date'; iso: string; notes: string[]; flags: string[] }
  | { kind: 'period'; start: string; end: string; label: string; notes: string[]; flags: string[] };


function monthRange(y: number, m1: number, m2: number): { start: string; end: string } | null {
  if (m1 < 1 || m2 > 12 || m1 > m2) return null;
  return { start: isoOf(y, m1, 1)!, end: isoOf(y, m2, daysInMonth(y, m2))! };
}

/** Read a period of the plan year: 全年, 上半年, 二季度, Q2, 3月, 三月, 3月上旬, 3-5月, 年底. */
function readPeriod(t: string, planYear: number): { start: string; end: string; yearGiven: boolean } | null {
  let y = planYear;
  let yearGiven = false;
  const ym = /^(\d{4})年(?:度)?(.*)$/.exec(t);
  if (ym) {
    y = +ym[1];
    yearGiven = true;
    t = ym[2];
    if (t === '' || t === '全年' || t === '内') return { ...monthRange(y, 1, 12)!, yearGiven };
  }
  const wrap = (r: { start: string; end: string } | null) => (r ? { ...r, yearGiven } : null);
  if (/^(?:全年|全年度|全年内|年内|本年|本年度|常年|今年|当年|全年持续|持续全年)$/.test(t)) return wrap(monthRange(y, 1, 12));
  if (/^上半年$/.test(t)) return wrap(monthRange(y, 1, 6));
  if (/^下半年$/.test(t)) return wrap(monthRange(y, 7, 12));
  if (/^(?:年底|年末|年终|年底前)$/.test(t)) return wrap(monthRange(y, 12, 12));
  let m = new RegExp(`^(?:第)?(\\d|${CN_NUM})季度(?:内)?$`).exec(t) ?? /^q([1-4])$/i.exec(t);
  if (m) {
    const q = numOf(m[1]);
    if (q >= 1 && q <= 4) return wrap(monthRange(y, q * 3 - 2, q * 3));
    return null;
  }
  m = /^(\d{4})[-/.]?q([1-4])$/i.exec(t);
  if (m) {
    const q = +m[2];
    return { ...monthRange(+m[1], q * 3 - 2, q * 3)!, yearGiven: true };
  }
  m = new RegExp(`^(\\d{1,2}|${CN_NUM})月(?:份)?(上旬|中旬|下旬|初|中|底|末|底前|内)?$`).exec(t);
  if (m) {
    const mo = numOf(m[1]);
    if (!(mo >= 1 && mo <= 12)) return null;
    const last = daysInMonth(y, mo);
    switch (m[2]) {
      case '上旬':
      case '初':
        return wrap({ start: isoOf(y, mo, 1)!, end: isoOf(y, mo, 10)! });
      case '中旬':
      case '中':
        return wrap({ start: isoOf(y, mo, 11)!, end: isoOf(y, mo, 20)! });
      case '下旬':
      case '底':
      case '末':
      case '底前':
        return wrap({ start: isoOf(y, mo, 21)!, end: isoOf(y, mo, last)! });
      default:
        return wrap(monthRange(y, mo, mo));
    }
  }
  m = new RegExp(`^(\\d{1,2}|${CN_NUM})月?(?:份)?(?:-|~|至|到)(\\d{1,2}|${CN_NUM})月(?:份)?$`).exec(t);
  if (m) return wrap(monthRange(y, numOf(m[1]), numOf(m[2])));
  m = /^(\d{4})[-/.](\d{1,2})$/.exec(t);
  if (m && !yearGiven) return { ...(monthRange(+m[1], +m[2], +m[2]) ?? { start: '', end: '' }), yearGiven: true };
  return null;
}

/** Read a single calendar date from text (half-width already). */
/** A day written in Chinese numerals: [二〇二三年]五月三十日 (any part may already be digits). */
const CN_DATE_RE = /^(?:([〇零一二三四五六七八九]{4}|\d{4})年)?([一二三四五六七八九十]{1,2}|\d{1,2})月([一二三四五六七八九十]{1,3}|\d{1,2})[日号]$/;

/** 二〇二三年五月三十日 → 2023年5月30日 (the year digit by digit, month and day as numbers); unchanged when a part is not one. */
function cnDateDigits(t: string): string {
  const m = CN_DATE_RE.exec(t)!;
  let year = m[1] ?? '';
  if (year && !/^\d/.test(year)) year = [...year].map((c) => CN_DIGITS[c]).join('');
  const month = /^\d/.test(m[2]) ? Number(m[2]) : cnInteger(m[2]);
  const day = /^\d/.test(m[3]) ? Number(m[3]) : cnInteger(m[3]);
  if (month === null || day === null) return t;
  return `${year ? year + '年' : ''}${month}月${day}日`;
}

function readDateText(t: string, planYear: number): { iso: string | null; yearAssumed: boolean; matched: boolean; timeDropped: boolean } {
  let timeDropped = false;
  const time = /(?:t|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (time && /^\d{4}/.test(t)) {
    t = t.slice(0, time.index).trim();
    timeDropped = !(+time[1] === 0 && +time[2] === 0 && !+(time[3] ?? 0));
  }
  t = t.replace(/\s+/g, '');
  if (CN_DIGIT_RE.test(t) && CN_DATE_RE.test(t)) t = cnDateDigits(t); // only a text with a Chinese numeral changes
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/.exec(t);
  if (m) return { iso: isoOf(+m[1], +m[2], +m[3]), yearAssumed: false, matched: true, timeDropped };
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return { iso: isoOf(+m[1], +m[2], +m[3]), yearAssumed: false, matched: true, timeDropped };
  m = /^(\d{1,2})月(\d{1,2})[日号]?$/.exec(t) ?? /^(\d{1,2})[./-](\d{1,2})$/.exec(t);
  if (m) return { iso: isoOf(planYear, +m[1], +m[2]), yearAssumed: true, matched: true, timeDropped };
  m = /^(\d{2})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t);
  if (m) return { iso: isoOf(2000 + +m[1], +m[2], +m[3]), yearAssumed: true, matched: true, timeDropped };
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) {
    const a = +m[1], b = +m[2];
    if (a > 12 && b <= 12) return { iso: isoOf(+m[3], b, a), yearAssumed: false, matched: true, timeDropped };
    if (b > 12 && a <= 12) return { iso: isoOf(+m[3], a, b), yearAssumed: false, matched: true, timeDropped };
    if (a === b) return { iso: isoOf(+m[3], a, b), yearAssumed: false, matched: true, timeDropped };
    return { iso: null, yearAssumed: false, matched: true, timeDropped };
  }
  return { iso: null, yearAssumed: false, matched: false, timeDropped };
}

function readDateish(raw: unknown, planYear: number): DateRead {
  const u = unwrapCell(raw);
  const v = u.v;
  if (u.error) return { kind: 'error', note: `单元格为错误值 ${u.error}`, flags: ['errorValue'] };
  if (isBlank(v)) return { kind: 'empty', formulaNoValue: u.formulaNoValue };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'error', note: '不是有效日期', flags: [] };
    if (v >= 19000101 && v <= 29991231 && Number.isInteger(v)) {
      const s = String(v);
      const iso = isoOf(+s.slice(0, 4), +s.slice(4, 6), +s.slice(6, 8));
      if (iso) return { kind: 'date', iso, notes: [`数字 ${v} 按“年月日”读取`], flags: ['reformatted'] };
    }
    if (v >= MIN_SERIAL && v <= MAX_SERIAL) {
      const iso = serialToIso(v);
      const notes = ['Excel 日期序列号'];
      const flags = ['serial'];
      if (!Number.isInteger(v)) {
        notes.push('忽略时间部分');
        flags.push('timeDropped');
      }
      return { kind: 'date', iso, notes, flags };
    }
    const hint = v >= 1900 && v <= 2100 && Number.isInteger(v) ? `只填了年份 ${v}？` : v > 0 && v < 13 ? `可能是“月.日”被 Excel 转成了数字 ${v}？` : '';
    return { kind: 'error', note: `数字 ${v} 不是有效日期${hint ? '：' + hint : ''}；请填写如 ${planYear}-05-30 的日期`, flags: ['serial'] };
  }
  if (v instanceof Date) {
    const r = dateObjectToIso(v);
    if (!r || !r.iso) return { kind: 'error', note: '无效日期', flags: ['dateObject'] };
    return { kind: 'date', iso: r.iso, notes: r.timeDropped ? ['忽略时间部分'] : [], flags: r.timeDropped ? ['dateObject', 'timeDropped'] : ['dateObject'] };
  }
  if (typeof v === 'boolean') return { kind: 'error', note: `逻辑值 ${v} 不是日期`, flags: [] };
  if (typeof v !== 'string') return { kind: 'error', note: `无法读取的值：${describe(v)}`, flags: [] };

  const notes: string[] = [];
  const flags: string[] = [];
  const hw = toHalfWidth(v.trim());
  if (hw.changed) {
    notes.push('全角字符转半角');
    flags.push('fullWidth');
  }
  const t = hw.text.trim().toLowerCase();
  if (ERROR_VALUES.test(t)) return { kind: 'error', note: `单元格为错误值 ${t}`, flags: ['errorValue'] };
  if (/^\d+(?:\.\d+)?$/.test(t) && !/^\d{1,2}\.\d{1,2}$/.test(t) && !/^\d{8}$/.test(t)) {
    // A number stored as text: read it like a number cell.
    const r = readDateish(Number(t), planYear);
    if (r.kind === 'date') r.notes.unshift('文本形式的数字');
    return r;
  }
  if (/约|左右|前后|待定|另定|不详|tbd/.test(t)) {
    return { kind: 'error', note: `“${v.trim()}”不是确定日期；请填写如 ${planYear}-05-30 的日期`, flags: ['approximate'] };
  }
  const d = readDateText(t, planYear);
  if (d.matched) {
    if (!d.iso) return { kind: 'error', note: `“${v.trim()}”不是有效日期（月或日超出范围，或日/月顺序不明）`, flags };
    if (d.yearAssumed) {
      notes.push(`补上计划年度 ${d.iso.slice(0, 4)}`);
      flags.push('yearAssumed');
    }
    if (d.timeDropped) {
      notes.push('忽略时间部分');
      flags.push('timeDropped');
    }
    if (d.iso !== t) {
      notes.push(`改写为 ${d.iso}`);
      flags.push('reformatted');
    }
    return { kind: 'date', iso: d.iso, notes, flags };
  }
  const compact = t.replace(/\s+/g, '');
  const p = readPeriod(compact, planYear);
  if (p) {
    if (!p.start) return { kind: 'error', note: `“${v.trim()}”不是有效日期`, flags };
    flags.push('period');
    return { kind: 'period', start: p.start, end: p.end, label: v.trim(), notes, flags };
  }
  // A range of two dates/periods: "5月30日至6月2日", "2023-03-01~2023-04-30", "3月-5月".
  const parts = compact.split(/至|到|~|--|—/);
  if (parts.length === 2 && parts[0] && parts[1]) {
    const a = readDateish(parts[0], planYear);
    const b = readDateish(parts[1], planYear);
    const startOf = (r: DateRead) => (r.kind === 'date' ? r.iso : r.kind === 'period' ? r.start : null);
    const endOf = (r: DateRead) => (r.kind === 'date' ? r.iso : r.kind === 'period' ? r.end : null);
    const s = startOf(a), e = endOf(b);
    if (s && e) {
      flags.push('period');
      return { kind: 'period', start: s, end: e, label: v.trim(), notes, flags };
    }
  }
  return { kind: 'error', note: `不是可识别的年月日写法（如 ${planYear}-05-30 或 ${planYear}年5月30日）`, flags };
}

/**
 * A date of a date column (by column, not by cell format: a number in a date column is an Excel
 * serial). Value: ISO yyyy-mm-dd. A period ("二季度", "Q2", "上半年", "全年", "3月") resolves by role:
 * start → first day, end/date → last day (flag "period", note says so).
 */
const ISO_RE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The ISO date of a Date at UTC midnight (what xlsx readers give for date cells), as normaliseDate
 * reads it (value, no note, flag "dateObject"); null for any other Date (normaliseDate's general path).
 * Repeated dates share one string.
 */
export function isoOfUtcMidnight(d: Date): string | null {
  const t = d.getTime();
  if (t % 86_400_000 !== 0) return null; // also NaN
  let iso = ISO_BY_TIME.get(t);
  if (iso === undefined) {
    iso = isoOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) ?? '';
    if (ISO_BY_TIME.size < 100_000) ISO_BY_TIME.set(t, iso);
  }
  return iso || null;
}

export function normaliseDate(raw: unknown, planYear: number, role: DateRole = 'date'): Normalised<string> {
  // Fast paths: an ISO date string, an integer serial.
  if (typeof raw === 'string' && raw.length === 10 && ISO_RE.test(raw)) {
    const iso = isoOf(+raw.slice(0, 4), +raw.slice(5, 7), +raw.slice(8, 10));
    if (iso) return { value: iso, raw, empty: false, unreadable: false, note: '', flags: undefined };
  } else if (typeof raw === 'number' && Number.isInteger(raw) && raw >= MIN_SERIAL && raw <= MAX_SERIAL) {
    return { value: serialToIso(raw), raw, empty: false, unreadable: false, note: 'Excel 日期序列号', flags: SERIAL_FLAGS };
  } else if (raw instanceof Date) {
    const iso = isoOfUtcMidnight(raw);
    if (iso) return { value: iso, raw, empty: false, unreadable: false, note: '', flags: DATE_OBJECT_FLAGS };
  }
  const r = readDateish(raw, planYear);
  switch (r.kind) {
    case 'empty':
      return make<string>(null, raw, true, false, r.formulaNoValue ? '公式无缓存值' : '', r.formulaNoValue ? FORMULA_NO_VALUE_FLAGS : undefined);
    case 'error':
      return make<string>(null, raw, false, true, r.note, r.flags);
    case 'date':
      return make(r.iso, raw, false, false, joinNotes(r.notes), r.flags);
    case 'period': {
      const pick = role === 'start' ? r.start : r.end;
      const which = role === 'start' ? '开始日期取首日' : role === 'end' ? '完成日期取末日' : '日期取末日';
      r.notes.push(`“${r.label}”是一段时间（${r.start} 至 ${r.end}），${which} ${pick}`);
      return make(pick, raw, false, false, joinNotes(r.notes), r.flags);
    }
  }
}

/** A date or a period as a range (a single date gives start = end). */
export function normalisePeriod(raw: unknown, planYear: number): Normalised<DateRange> {
  const r = readDateish(raw, planYear);
  switch (r.kind) {
    case 'empty':
      return make<DateRange>(null, raw, true, false, '');
    case 'error':
      return make<DateRange>(null, raw, false, true, r.note, r.flags);
    case 'date':
      return make({ start: r.iso, end: r.iso }, raw, false, false, joinNotes(r.notes), r.flags);
    case 'period':
      return make({ start: r.start, end: r.end }, raw, false, false, joinNotes(r.notes), r.flags);
  }
}

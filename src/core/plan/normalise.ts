/**
 * Normalisation of what people type into the committee workbook.
 *
 * Every function takes a raw cell value (string, number, boolean, Date, null, or an xlsx-library
 * cell object) and returns a Normalised<T>: the value, the raw value as read, whether it was empty
 * or unreadable, and a note (Chinese, with English where useful) saying what changed.
 * Nothing here guesses: what cannot be read is `unreadable` (the validator turns it into a finding).
 * No function throws, whatever the input.
 *
 * Flags (Normalised.flags) used here:
 *   trimmed, fullWidth, reformatted, unitConverted, negative, approximate, range, percent,
 *   serial, dateObject, timeDropped, yearAssumed, period, formulaNoValue, errorValue,
 *   titleOnly, titleMismatch, multiple, shortName
 */
import type { Catalog } from '../catalog/types';
import { REGION_PLACEHOLDER } from '../catalog/types';
import { chineseNumeralToInt } from '../catalog/numerals';
import type { BudgetUnit, Normalised } from './types';

// ───────────────────────── helpers ─────────────────────────

function make<T>(value: T | null, raw: unknown, empty: boolean, unreadable: boolean, note: string, flags?: string[]): Normalised<T> {
  return { value, raw, empty, unreadable, note, flags: flags && flags.length ? (flags.length > 1 ? [...new Set(flags)] : flags) : undefined };
}

const EMPTY_RE = /^[\s\u3000\u00a0\u200b\ufeff]*$/;

/** True for null, undefined, "" and whitespace-only strings. */
export function isBlank(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === 'string') {
    if (raw.length === 0) return true;
    // Fast path: a first character that is printable ASCII or a CJK ideograph is not white space.
    const c = raw.charCodeAt(0);
    if ((c > 32 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) return false;
    return EMPTY_RE.test(raw);
  }
  return false;
}

interface Unwrapped {
  v: unknown;
  formulaNoValue: boolean;
  error: string | null;
}

/**
 * Flatten the cell objects xlsx libraries return ({formula, result}, {richText}, {text, hyperlink},
 * {error}). Plain values pass through.
 */
const PRIMITIVE: Unwrapped = { v: null, formulaNoValue: false, error: null };
const FORMULA_NO_VALUE_FLAGS = ['formulaNoValue'];
/** A formula without a cached value: one shared, frozen answer. */
export const FORMULA_NO_VALUE: Unwrapped = Object.freeze({ v: null, formulaNoValue: true, error: null });

export function unwrapCell(raw: unknown): Unwrapped {
  if (raw === null || typeof raw !== 'object' || raw instanceof Date) {
    // Hot path: one shared record, read immediately by the caller (single-threaded, no re-entry before use).
    PRIMITIVE.v = raw;
    return PRIMITIVE;
  }
  const o = raw as Record<string, unknown>;
  try {
    if (Array.isArray(o.richText)) {
      return { v: (o.richText as { text?: unknown }[]).map((r) => (r && typeof r.text === 'string' ? r.text : '')).join(''), formulaNoValue: false, error: null };
    }
    if ('result' in o && o.result !== undefined) {
      const inner = unwrapCell(o.result);
      return inner;
    }
    if ('formula' in o || 'sharedFormula' in o) return FORMULA_NO_VALUE;
    if ('error' in o) return { v: null, formulaNoValue: false, error: String(o.error) };
    if ('text' in o) return { v: typeof o.text === 'string' ? o.text : String(o.text), formulaNoValue: false, error: null };
    if ('value' in o) return unwrapCell(o.value);
  } catch {
    /* fall through */
  }
  return { v: raw, formulaNoValue: false, error: null };
}

const ASCII_RE = /^[\x20-\x7e]*$/;
const DASHES_RE = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;

/** Full-width → half-width (NFKC) and dash/minus variants → "-". Returns the text and whether it changed. */
export function toHalfWidth(s: string): { text: string; changed: boolean } {
  if (ASCII_RE.test(s)) return { text: s, changed: false };
  let t: string;
  try {
    t = s.normalize('NFKC');
  } catch {
    t = s;
  }
  t = t.replace(DASHES_RE, '-');
  return { text: t, changed: t !== s };
}

/** Strings the spreadsheet shows for formula errors. */
const ERROR_VALUES = /^#(?:N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/i;

function describe(raw: unknown): string {
  if (typeof raw === 'string') return raw.length > 40 ? raw.slice(0, 40) + '…' : raw;
  if (raw instanceof Date) return isNaN(raw.getTime()) ? 'Invalid Date' : raw.toISOString();
  try {
    return String(raw);
  } catch {
    return '?';
  }
}

function joinNotes(notes: string[]): string {
  return notes.filter(Boolean).join('；');
}

// ───────────────────────── text, codes, flags ─────────────────────────

/** Free text: trimmed; numbers and dates become text. */
/**
 * True when normaliseText keeps `s` as it is, with no note: non-empty, no surrounding white space
 * (ASCII space/control, NBSP, ideographic space, BOM) and not starting with "#" (error values).
 */
export function isPlainText(s: string): boolean {
  if (s.length === 0) return false;
  const a = s.charCodeAt(0), b = s.charCodeAt(s.length - 1);
  return a > 32 && b > 32 && a !== 35 && a !== 0xa0 && b !== 0xa0 && a !== 0x3000 && b !== 0x3000 && a !== 0xfeff && b !== 0xfeff && !(a >= 0x2000 && a <= 0x200b) && !(b >= 0x2000 && b <= 0x200b);
}

export function normaliseText(raw: unknown): Normalised<string> {
  // Fast path: kept as typed.
  if (typeof raw === 'string' && isPlainText(raw)) return { value: raw, raw, empty: false, unreadable: false, note: '', flags: undefined };
  const u = unwrapCell(raw);
  const v = u.v;
  if (u.error) return make<string>(null, raw, false, true, `单元格为错误值 ${u.error}`, ['errorValue']);
  if (isBlank(v)) return make<string>(null, raw, true, false, u.formulaNoValue ? '公式无缓存值 (formula without cached value)' : '', u.formulaNoValue ? FORMULA_NO_VALUE_FLAGS : undefined);
  if (typeof v === 'string') {
    const t = v.trim();
    if (ERROR_VALUES.test(t)) return make<string>(null, raw, false, true, `单元格为错误值 ${t}`, ['errorValue']);
    if (t.length !== v.length) return make(t, raw, false, false, '去掉首尾空格 (trimmed)', ['trimmed']);
    return make(t, raw, false, false, '');
  }
  if (typeof v === 'number') return Number.isFinite(v) ? make(String(v), raw, false, false, '') : make<string>(null, raw, false, true, '不是有效数字');
  if (typeof v === 'boolean') return make(v ? 'TRUE' : 'FALSE', raw, false, false, '逻辑值按文本读取 (boolean read as text)');
  if (v instanceof Date) {
    const iso = dateObjectToIso(v);
    return iso ? make(iso.iso, raw, false, false, '日期按文本读取 (date read as text)', ['dateObject']) : make<string>(null, raw, false, true, '无效日期');
  }
  return make<string>(null, raw, false, true, `无法读取的值：${describe(v)}`);
}

/** Task codes (任务编号): trimmed, half-width, upper case. */
export function normaliseCode(raw: unknown): Normalised<string> {
  const t = normaliseText(raw);
  if (t.value === null) return t;
  const { text, changed } = toHalfWidth(t.value);
  const up = text.replace(/\s+/g, '').toUpperCase();
  if (up === t.value) return t;
  const notes = [t.note];
  const flags = t.flags ? [...t.flags] : [];
  if (changed) {
    notes.push('全角转半角 (full-width to half-width)');
    flags.push('fullWidth');
  }
  if (up !== text) {
    notes.push('去掉空格/改为大写 (spaces removed, upper case)');
    flags.push('reformatted');
  }
  return make(up, raw, false, false, joinNotes(notes), flags);
}

const FLAG_TRUE = new Set(['草稿', '是', 'y', 'yes', 'true', '1', '✓', '√', '✔', '☑', 'x', '对', '有', 'draft', '待定稿', '待确认']);
const FLAG_FALSE = new Set(['否', 'n', 'no', 'false', '0', '✗', '✘', '×', '无', '确认', '已确认', '正式', '定稿', '不是', '非草稿']);

/** Yes/no flags such as 草稿 (draft): 草稿 / 是 / Y / ✓ → true; 否 / N / 确认 → false; blank → empty. */
export function normaliseFlag(raw: unknown): Normalised<boolean> {
  const u = unwrapCell(raw);
  const v = u.v;
  if (u.error) return make<boolean>(null, raw, false, true, `单元格为错误值 ${u.error}`, ['errorValue']);
  if (isBlank(v)) return make<boolean>(null, raw, true, false, '');
  if (typeof v === 'boolean') return make(v, raw, false, false, '');
  if (typeof v === 'number') {
    if (v === 1) return make(true, raw, false, false, '');
    if (v === 0) return make(false, raw, false, false, '');
    return make<boolean>(null, raw, false, true, `无法识别的标记：${v}`);
  }
  if (typeof v === 'string') {
    const t = toHalfWidth(v.trim()).text.toLowerCase();
    if (FLAG_TRUE.has(t)) return make(true, raw, false, false, '');
    if (FLAG_FALSE.has(t)) return make(false, raw, false, false, '');
  }
  return make<boolean>(null, raw, false, true, `无法识别的标记“${describe(v)}”（应为“草稿”或留空）`);
}

// ───────────────────────── numbers and amounts ─────────────────────────

const APPROX_RE = /约|大约|大概|左右|上下|余|多|几|若干|待定|不详|暂定|预计|估|~|≈|以上|以下|以内|不超过|不少于|不低于|不高于|tbd|tbc|\?/i;
const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const THOUSANDS_RE = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const CN_DIGIT_RE = /[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億]/;

/** A number in Chinese numerals followed by a counting word (三十人, 两场): the word has no numeral in it. */
const CN_COUNTED_RE = /^(.*?[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億])([^\d.%零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億点]{1,3})$/;

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_SMALL: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_BIG: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/**
 * A whole number in Chinese numerals, 小写 (三千五百) or 大写 (叁仟伍佰), or null when it is not
 * one unambiguously. 零 marks a gap (一百零五 = 105); a last digit right after a unit is the next
 * unit down, as people say it (三百五 = 350, 二万五 = 25000); a run of bare digits (二〇二三) is
 * not a number here.
 */
function cnInteger(s: string): number | null {
  if (!s) return null;
  let total = 0;
  let section = 0;
  let digit = -1;
  let lastSmall = 0;
  let lastUnit = 0;
  let zero = false;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    if (d !== undefined) {
      if (d === 0) {
        zero = true;
        continue;
      }
      if (digit > 0) return null;
      digit = d;
      continue;
    }
    const u = CN_SMALL[ch];
    if (u !== undefined) {
      if (digit < 0) {
        if (u === 10 && section === 0 && !zero) digit = 1; // 十五 = 15, 二万十五 is not written
        else return null;
      }
      if (lastSmall && u >= lastSmall) return null;
      section += digit * u;
      lastSmall = u;
      lastUnit = u;
      digit = -1;
      zero = false;
      continue;
    }
    const b = CN_BIG[ch];
    if (b === undefined) return null;
    if (digit > 0) section += digit;
    if (section === 0) return null;
    if (b === 1e8) total = (total + section) * b;
    else {
      if (total % 1e8 >= 1e4) return null; // 万 twice within one 亿
      total += section * b;
    }
    section = 0;
    digit = -1;
    lastSmall = 0;
    lastUnit = b;
    zero = false;
  }
  if (digit > 0) section += !zero && lastUnit >= 100 ? digit * (lastUnit / 10) : digit;
  return total + section;
}

/** Chinese numerals with an optional 点 fraction (三点五) or 元角分 (伍元伍角), a trailing 整/正; null when not one. */
export function parseChineseNumeral(text: string): number | null {
  const t = text.replace(/[整正]$/, '');
  const yuan = /^(.*?)元(?:(.)角)?(?:(.)分)?$/.exec(t) ?? /^()(?:(.)角)(?:(.)分)?$/.exec(t) ?? /^()()(.)分$/.exec(t);
  if (yuan && (yuan[1] || yuan[2] || yuan[3])) {
    const whole = yuan[1] ? cnInteger(yuan[1]) : 0;
    const jiao = yuan[2] ? CN_DIGITS[yuan[2]] : 0;
    const fen = yuan[3] ? CN_DIGITS[yuan[3]] : 0;
    if (whole === null || jiao === undefined || fen === undefined) return null;
    return tidy(whole + jiao / 10 + fen / 100);
  }
  const dot = t.indexOf('点');
  if (dot < 0) return cnInteger(t);
  const whole = dot === 0 ? null : cnInteger(t.slice(0, dot));
  const frac = t.slice(dot + 1);
  if (whole === null || !frac) return null;
  let digits = '';
  for (const ch of frac) {
    const d = CN_DIGITS[ch];
    if (d === undefined) return null;
    digits += d;
  }
  return Number(`${whole}.${digits}`);
}

/** Multipliers to 元. */
const MONEY_UNITS: [string, number][] = [
  ['亿元', 1e8], ['亿', 1e8], ['百万元', 1e6], ['万元', 1e4], ['万', 1e4], ['千元', 1e3], ['千', 1e3], ['元整', 1], ['元', 1], ['块钱', 1], ['块', 1],
];
const PLAIN_MULTIPLIERS: [string, number][] = [['亿', 1e8], ['万', 1e4], ['千', 1e3], ['百', 1e2]];

/** Round away binary noise: 0.1 * 3 → 0.3. */
export function tidy(n: number): number {
  if (!Number.isFinite(n) || n === 0) return n === 0 ? 0 : n;
  // Fast path (same result): below 10⁷, when n is within 10⁻¹³ (relative) of r, the double nearest to
  // a decimal with at most 4 decimals (≤ 11 significant digits, on the 12-digit grid), rounding n to
  // 12 significant digits gives that decimal, and Number() of it gives r.
  if (n < 1e7 && n > -1e7) {
    const r = Math.round(n * 1e4) / 1e4;
    const d = n - r;
    if (r !== 0 && (d === 0 || (d < 0 ? -d : d) <= (n < 0 ? -n : n) * 1e-13)) return r;
  }
  return Number(n.toPrecision(12));
}

interface ParsedNumber {
  value: number;
  notes: string[];
  flags: string[];
  /** Money multiplier to 元 when a money unit was given, else null. */
  moneyFactor: number | null;
  unitText: string;
}

/**
 * Parse the text of a number: full-width digits, thousands separators, currency signs, accounting
 * negatives "(1200)", unit suffixes. `money` selects the money units (元/万元…) instead of counting words.
 */
function parseNumberText(s: string, money: boolean): ParsedNumber | { error: string; flags: string[] } {
  const notes: string[] = [];
  const flags: string[] = [];
  let t = s.trim();
  if (t.length !== s.length) flags.push('trimmed');
  const hw = toHalfWidth(t);
  if (hw.changed) {
    notes.push('全角字符转半角 (full-width to half-width)');
    flags.push('fullWidth');
  }
  t = hw.text.replace(/[\s\u3000\u00a0]+/g, '');
  if (ERROR_VALUES.test(t)) return { error: `单元格为错误值 ${t}`, flags: ['errorValue'] };
  if (APPROX_RE.test(t)) return { error: `“${s.trim()}”是估计值或范围，不是确定金额/数字 (approximate, not a number)；请填写确定的数字`, flags: ['approximate'] };
  if (/\d\s*[-~至到]\s*\d/.test(t.replace(/^[+-]/, ''))) {
    return { error: `“${s.trim()}”是一个范围，请填写确定的数字 (a range, not a number)`, flags: ['range'] };
  }
  let negative = false;
  const acc = /^\((.*)\)$/.exec(t);
  if (acc) {
    t = acc[1];
    negative = true;
    notes.push('括号表示负数 (accounting negative)');
  }
  const cur = /^(?:人民币|RMB|CNY|¥|￥|\$)/i.exec(t);
  if (cur) {
    t = t.slice(cur[0].length);
    notes.push(`去掉货币符号“${cur[0]}”`);
    flags.push('reformatted');
  }
  if (t.startsWith('-') && /^-(?:人民币|RMB|CNY|¥|￥)/i.test(t)) {
    t = '-' + t.replace(/^-(?:人民币|RMB|CNY|¥|￥)/i, '');
  }
  let moneyFactor: number | null = null;
  let unitText = '';
  if (money) {
    for (const [u, f] of MONEY_UNITS) {
      if (t.endsWith(u)) {
        t = t.slice(0, -u.length);
        moneyFactor = f;
        unitText = u;
        break;
      }
    }
  } else {
    // Counting words after a number: 30人, 3场, 2期, 5人次 …; also 万/千 multipliers.
    const m = /^(.*?\d)([^\d.%]{1,3})$/.exec(t) ?? CN_COUNTED_RE.exec(t);
    if (m && /^[\u4e00-\u9fff]+$/.test(m[2])) {
      let word = m[2];
      let mult = 1;
      for (const [u, f] of PLAIN_MULTIPLIERS) {
        if (word.startsWith(u)) {
          mult = f;
          word = word.slice(u.length);
          break;
        }
      }
      t = m[1];
      if (mult !== 1) {
        moneyFactor = mult;
        unitText = m[2].slice(0, m[2].length - word.length);
      }
      if (word) {
        notes.push(`去掉单位“${word}”`);
        flags.push('reformatted');
      }
    }
  }
  if (t.endsWith('%')) return { error: `“${s.trim()}”是百分数，不是金额/数量 (a percentage)`, flags: ['percent'] };
  if (CN_DIGIT_RE.test(t)) {
    const cn = parseChineseNumeral(t);
    if (cn === null) return { error: `“${s.trim()}”含中文数字但不是可确定的数，请用阿拉伯数字填写 (use Arabic digits)`, flags };
    notes.push(`中文数字读作 ${cn} (Chinese numerals read as ${cn})`);
    flags.push('reformatted', 'chineseNumeral');
    t = String(cn);
  }
  if (t.includes(',')) {
    if (THOUSANDS_RE.test(t)) {
      t = t.replace(/,/g, '');
      notes.push('去掉千位分隔符 (thousands separators removed)');
      flags.push('reformatted');
    } else return { error: `“${s.trim()}”的逗号位置不像千位分隔符，无法确定数值 (ambiguous comma)`, flags };
  }
  if (!NUMBER_RE.test(t)) return { error: `无法读取为数字：“${describe(s.trim())}” (not a number)`, flags };
  let value = Number(t);
  if (!Number.isFinite(value)) return { error: `数字超出范围：“${describe(s.trim())}”`, flags };
  if (negative) value = -value;
  if (Object.is(value, -0)) value = 0;
  return { value, notes, flags, moneyFactor, unitText };
}

function numberFromRaw(raw: unknown, money: boolean): { u: Unwrapped; parsed: ParsedNumber | { error: string; flags: string[] } | null } {
  const u = unwrapCell(raw);
  const v = u.v;
  if (u.error) return { u, parsed: { error: `单元格为错误值 ${u.error}`, flags: ['errorValue'] } };
  if (isBlank(v)) return { u, parsed: null };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { u, parsed: { error: '不是有效数字 (not a finite number)', flags: [] } };
    return { u, parsed: { value: Object.is(v, -0) ? 0 : v, notes: [], flags: [], moneyFactor: null, unitText: '' } };
  }
  if (typeof v === 'string') return { u, parsed: parseNumberText(v, money) };
  if (typeof v === 'boolean') return { u, parsed: { error: `逻辑值 ${v} 不是数字`, flags: [] } };
  if (v instanceof Date) return { u, parsed: { error: '日期不是数字 (a date, not a number)', flags: ['dateObject'] } };
  return { u, parsed: { error: `无法读取的值：${describe(v)}`, flags: [] } };
}

/** A plain number (quantity, times): "30", "３０", "1,200", "30人", "2万人". */
export function normaliseNumber(raw: unknown): Normalised<number> {
  const { u, parsed } = numberFromRaw(raw, false);
  if (parsed === null) return make<number>(null, raw, true, false, u.formulaNoValue ? '公式无缓存值' : '', u.formulaNoValue ? FORMULA_NO_VALUE_FLAGS : undefined);
  if ('error' in parsed) return make<number>(null, raw, false, true, parsed.error, parsed.flags);
  let value = parsed.value;
  const notes = parsed.notes;
  const flags = parsed.flags;
  if (parsed.moneyFactor !== null) {
    value = tidy(value * parsed.moneyFactor);
    notes.push(`“${parsed.unitText}”乘以 ${parsed.moneyFactor}`);
    flags.push('unitConverted');
  }
  if (value < 0) flags.push('negative');
  return make(value, raw, false, false, joinNotes(notes), flags);
}

const UNIT_FACTOR: Record<BudgetUnit, number> = { 元: 1, 万元: 1e4 };

/**
 * An amount in the plan's budget unit: "1,200", "１２００", "1200元", "0.5万元" (→ 5000 in a 元 plan),
 * "5000元" (→ 0.5 in a 万元 plan), "¥1,200.50", "(1200)". Negatives keep their value (flag
 * "negative"; the validator reports them). "约5万", "5-8万", "待定" are unreadable (flag "approximate").
 */
export function normaliseAmount(raw: unknown, unit: BudgetUnit): Normalised<number> {
  const { u, parsed } = numberFromRaw(raw, true);
  if (parsed === null) return make<number>(null, raw, true, false, u.formulaNoValue ? '公式无缓存值 (formula without cached value)' : '', u.formulaNoValue ? FORMULA_NO_VALUE_FLAGS : undefined);
  if ('error' in parsed) return make<number>(null, raw, false, true, parsed.error, parsed.flags);
  let value = parsed.value;
  const notes = parsed.notes;
  const flags = parsed.flags;
  if (parsed.moneyFactor !== null) {
    const planFactor = UNIT_FACTOR[unit] ?? 1;
    if (parsed.moneyFactor === planFactor) {
      notes.push(`去掉单位“${parsed.unitText}” (unit removed)`);
      flags.push('reformatted');
    } else {
      value = tidy((value * parsed.moneyFactor) / planFactor);
      notes.push(`“${parsed.unitText}”换算为计划单位“${unit}”：${String(parsed.value)}${parsed.unitText} = ${value}${unit} (converted to ${unit === '元' ? 'yuan' : '10k yuan'})`);
      flags.push('unitConverted');
    }
  }
  if (value < 0) flags.push('negative');
  return make(value, raw, false, false, joinNotes(notes), flags);
}

/** Number of decimals a value needs, up to 15 (0.1235 → 4). */
const POW10 = Array.from({ length: 16 }, (_, d) => 10 ** d);
export function decimalsOf(n: number): number {
  if (!Number.isFinite(n) || Number.isInteger(n)) return 0;
  for (let d = 1; d <= 15; d++) {
    const scaled = n * POW10[d];
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, Math.abs(scaled))) return d;
  }
  return 15;
}

// ───────────────────────── dates ─────────────────────────

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

function dateObjectToIso(d: Date): { iso: string; timeDropped: boolean } | null {
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

const CN_NUM = '[一二三四五六七八九十]{1,3}';
const numOf = (s: string): number => (/^\d+$/.test(s) ? parseInt(s, 10) : chineseNumeralToInt(s));

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
      if (iso) return { kind: 'date', iso, notes: [`数字 ${v} 按“年月日”读取 (read as yyyymmdd)`], flags: ['reformatted'] };
    }
    if (v >= MIN_SERIAL && v <= MAX_SERIAL) {
      const iso = serialToIso(v);
      const notes = ['Excel 日期序列号 (date serial)'];
      const flags = ['serial'];
      if (!Number.isInteger(v)) {
        notes.push('忽略时间部分 (time dropped)');
        flags.push('timeDropped');
      }
      return { kind: 'date', iso, notes, flags };
    }
    const hint = v >= 1900 && v <= 2100 && Number.isInteger(v) ? `只填了年份 ${v}？` : v > 0 && v < 13 ? `可能是“月.日”被 Excel 转成了数字 ${v}？` : '';
    return { kind: 'error', note: `数字 ${v} 不是有效日期 (not a plausible date serial)${hint ? '：' + hint : ''}；请填写如 ${planYear}-05-30 的日期`, flags: ['serial'] };
  }
  if (v instanceof Date) {
    const r = dateObjectToIso(v);
    if (!r || !r.iso) return { kind: 'error', note: '无效日期 (invalid date)', flags: ['dateObject'] };
    return { kind: 'date', iso: r.iso, notes: r.timeDropped ? ['忽略时间部分 (time dropped)'] : [], flags: r.timeDropped ? ['dateObject', 'timeDropped'] : ['dateObject'] };
  }
  if (typeof v === 'boolean') return { kind: 'error', note: `逻辑值 ${v} 不是日期`, flags: [] };
  if (typeof v !== 'string') return { kind: 'error', note: `无法读取的值：${describe(v)}`, flags: [] };

  const notes: string[] = [];
  const flags: string[] = [];
  const hw = toHalfWidth(v.trim());
  if (hw.changed) {
    notes.push('全角字符转半角 (full-width to half-width)');
    flags.push('fullWidth');
  }
  const t = hw.text.trim().toLowerCase();
  if (ERROR_VALUES.test(t)) return { kind: 'error', note: `单元格为错误值 ${t}`, flags: ['errorValue'] };
  if (/^\d+(?:\.\d+)?$/.test(t) && !/^\d{1,2}\.\d{1,2}$/.test(t) && !/^\d{8}$/.test(t)) {
    // A number stored as text: read it like a number cell.
    const r = readDateish(Number(t), planYear);
    if (r.kind === 'date') r.notes.unshift('文本形式的数字 (number stored as text)');
    return r;
  }
  if (/约|左右|前后|待定|另定|不详|tbd/.test(t)) {
    return { kind: 'error', note: `“${v.trim()}”不是确定日期 (not a definite date)；请填写如 ${planYear}-05-30 的日期`, flags: ['approximate'] };
  }
  const d = readDateText(t, planYear);
  if (d.matched) {
    if (!d.iso) return { kind: 'error', note: `“${v.trim()}”不是有效日期（月或日超出范围，或日/月顺序不明） (invalid or ambiguous date)`, flags };
    if (d.yearAssumed) {
      notes.push(`补上计划年度 ${d.iso.slice(0, 4)} (plan year assumed)`);
      flags.push('yearAssumed');
    }
    if (d.timeDropped) {
      notes.push('忽略时间部分 (time dropped)');
      flags.push('timeDropped');
    }
    if (d.iso !== t) {
      notes.push(`改写为 ${d.iso} (reformatted)`);
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
  return { kind: 'error', note: `无法读取为日期：“${describe(v.trim())}” (not a date)；请填写如 ${planYear}-05-30 的日期`, flags };
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
    return { value: serialToIso(raw), raw, empty: false, unreadable: false, note: 'Excel 日期序列号 (date serial)', flags: SERIAL_FLAGS };
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
      const en = role === 'start' ? 'start column takes the first day' : 'takes the last day';
      r.notes.push(`“${r.label}”是一段时间（${r.start} 至 ${r.end}），${which} ${pick} (a period; ${en})`);
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

// ───────────────────────── work points ─────────────────────────

/** Key for comparing titles: no spaces, quotes, punctuation, region placeholder. */
export function titleKey(s: string): string {
  // Fast path: only ASCII, CJK ideographs and removed punctuation — NFKC and the dash rule change
  // none of them (or only into other removed characters), so one pass gives the same key.
  let out = '';
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = TITLE_KEY_CLASS[c];
    if (k === 0) break;
    if (k === 1) continue;
    out += k === 2 ? s[i] : String.fromCharCode(c + 32);
  }
  if (i === s.length) return out;
  return toHalfWidth(s.split(REGION_PLACEHOLDER).join('')).text
    .replace(/[\s"'“”‘’「」『』《》<>()（）【】[\]、，,。.．:：;；!！?？·\-—_*]/g, '')
    .toLowerCase();
}

/**
 * The digit runs of titleKey(s), joined by "," ("南京第3期2023" → "3,2023"; "" when it has none), or
 * null when titleKey(s) is empty — without building the key when titleKey's fast path applies.
 */
export function titleKeyDigits(s: string): string | null {
  let out = '';
  let kept = false;
  let inRun = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = TITLE_KEY_CLASS[c];
    if (k === 0) return digitRunsOf(titleKey(s));
    if (k === 1) continue; // removed: does not break a run in the key
    kept = true;
    if (c >= 48 && c <= 57) {
      if (!inRun && out) out += ',';
      inRun = true;
      out += s[i];
    } else inRun = false;
  }
  return kept ? out : null;
}

/**
 * A 31-bit hash of (seed, titleKeyDigits(s)) — equal digit runs give equal hashes — or -1 when
 * titleKey(s) is empty. Builds no string on titleKey's fast path.
 */
export function titleKeyDigitsHash(s: string, seed: number): number {
  let h = seed | 0;
  let kept = false;
  let inRun = false;
  let any = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const k = TITLE_KEY_CLASS[c];
    if (k === 0) {
      const d = titleKeyDigits(s);
      return d === null ? -1 : hashDigits(d, seed);
    }
    if (k === 1) continue;
    kept = true;
    if (c >= 48 && c <= 57) {
      if (!inRun && any) h = (Math.imul(h, 31) + 44) | 0; // ","
      inRun = true;
      any = true;
      h = (Math.imul(h, 31) + c) | 0;
    } else inRun = false;
  }
  return kept ? h >>> 1 : -1;
}

function hashDigits(d: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < d.length; i++) h = (Math.imul(h, 31) + d.charCodeAt(i)) | 0;
  return h >>> 1;
}

function digitRunsOf(key: string): string | null {
  if (!key) return null;
  let out = '';
  let inRun = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (!inRun && out) out += ',';
      inRun = true;
      out += key[i];
    } else inRun = false;
  }
  return out;
}

/** titleKey's fast path: 0 = take the slow path, 1 = removed, 2 = kept, 3 = upper-case ASCII letter. */
const TITLE_KEY_CLASS = (() => {
  const t = new Uint8Array(65536);
  for (let c = 0; c < 128; c++) t[c] = c >= 65 && c <= 90 ? 3 : 2;
  t['{'.charCodeAt(0)] = 0; // {{region}}
  for (let c = 0x4e00; c <= 0x9fff; c++) t[c] = 2;
  for (const ch of '\t\n\v\f\r "\'“”‘’「」『』《》<>()（）【】[]、，,。.．:：;；!！?？·-—_*\u3000\u00a0') t[ch.charCodeAt(0)] = 1;
  return t;
})();

interface PointTitleIndex {
  keys: { n: number; key: string }[];
}
const titleIndexCache = new WeakMap<object, PointTitleIndex>();
function titleIndex(catalog: Pick<Catalog, 'points'>): PointTitleIndex {
  let ix = titleIndexCache.get(catalog.points);
  if (!ix) {
    ix = { keys: catalog.points.map((p) => ({ n: p.number, key: titleKey(p.title) })) };
    titleIndexCache.set(catalog.points, ix);
  }
  return ix;
}

/** Points whose short title matches `text` (exactly, else by containment of at least 4 characters). */
export function pointsByTitle(catalog: Pick<Catalog, 'points'>, text: string): number[] {
  const k = titleKey(text);
  if (!k) return [];
  const ix = titleIndex(catalog);
  const exact = ix.keys.filter((x) => x.key === k).map((x) => x.n);
  if (exact.length) return exact;
  if (k.length < 4) return [];
  return ix.keys.filter((x) => x.key.includes(k) || k.includes(x.key)).map((x) => x.n);
}

const POINT_PATTERNS: RegExp[] = [
  new RegExp(`^(?:工作)?要点\\s*(?:第)?\\s*(\\d+|${CN_NUM})\\s*(?:条|项|点)?\\s*(?:[.、:：,，)）]|\\s|$)\\s*(.*)$`),
  new RegExp(`^第\\s*(\\d+|${CN_NUM})\\s*(?:条|项|点|个要点|要点)?\\s*(?:[.、:：,，]|\\s|$)\\s*(.*)$`),
  new RegExp(`^[(（]\\s*(\\d+|${CN_NUM})\\s*[)）]\\s*[.、]?\\s*(.*)$`),
  /^(\d+)\s*(?:[.、:：,，](?!\d)|\s|$)\s*(.*)$/,
  new RegExp(`^(${CN_NUM})\\s*(?:[、.:：]|\\s|$)\\s*(.*)$`),
];

/**
 * A work point reference: 4, "4", "要点4", "第4条", "第四条", "（四）", "4 凝练决策咨询重点课题",
 * "4.凝练…", or a title alone ("凝练决策咨询重点课题"). Value: the point number. A number that is not in
 * the catalog keeps its value (flag "unknown"; the validator reports it). A number whose title belongs
 * to another point keeps the number (flag "titleMismatch"). Several points or no match: unreadable.
 */
export function normalisePointRef(raw: unknown, catalog: Pick<Catalog, 'points'>): Normalised<number> {
  const u = unwrapCell(raw);
  const v = u.v;
  if (u.error) return make<number>(null, raw, false, true, `单元格为错误值 ${u.error}`, ['errorValue']);
  if (isBlank(v)) return make<number>(null, raw, true, false, '');
  const known = (n: number) => catalog.points.some((p) => p.number === n);
  if (typeof v === 'number') {
    if (Number.isInteger(v) && v > 0) return make(v, raw, false, false, '', known(v) ? undefined : ['unknown']);
    return make<number>(null, raw, false, true, `“${v}”不是要点编号 (not a point number)`);
  }
  if (typeof v !== 'string') return make<number>(null, raw, false, true, `无法读取的要点：${describe(v)}`);
  const hw = toHalfWidth(v.trim());
  const notes: string[] = [];
  const flags: string[] = [];
  if (hw.changed) flags.push('fullWidth');
  const t = hw.text.trim();
  if (/^(?:要点|第)?\s*\d+\s*(?:条|项)?\s*(?:[、,，和与及/&;；]|\s)\s*(?:要点|第)?\s*\d+(?:\s|$|[条项])/.test(t)) {
    return make<number>(null, raw, false, true, `“${v.trim()}”写了多个要点；一行任务只对应一个要点 (several points; one per task)`, ['multiple']);
  }
  for (const re of POINT_PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const n = numOf(m[1]);
    if (!Number.isInteger(n) || n <= 0) continue;
    const rest = (m[2] ?? '').trim();
    if (/^\d/.test(rest) || /^[和与及、,，/&]\s*(?:要点|第)?\s*\d/.test(rest)) {
      return make<number>(null, raw, false, true, `“${v.trim()}”写了多个要点；一行任务只对应一个要点 (several points; one per task)`, ['multiple']);
    }
    if (!(re === POINT_PATTERNS[3] && rest === '' && String(n) === t)) {
      notes.push(`读作要点 ${n} (read as point ${n})`);
      flags.push('reformatted');
    }
    if (!known(n)) flags.push('unknown');
    if (rest) {
      const byTitle = pointsByTitle(catalog, rest);
      if (byTitle.length && !byTitle.includes(n)) {
        notes.push(`但标题“${rest}”是要点 ${byTitle.join('、')} 的标题 (title belongs to point ${byTitle.join(', ')})`);
        flags.push('titleMismatch');
      }
    }
    return make(n, raw, false, false, joinNotes(notes), flags);
  }
  const byTitle = pointsByTitle(catalog, t);
  if (byTitle.length === 1) {
    return make(byTitle[0], raw, false, false, `按标题识别为要点 ${byTitle[0]} (matched by title)`, [...flags, 'titleOnly']);
  }
  if (byTitle.length > 1) {
    return make<number>(null, raw, false, true, `“${v.trim()}”与多个要点的标题相符（${byTitle.join('、')}），无法确定 (matches several titles)`, ['multiple']);
  }
  return make<number>(null, raw, false, true, `无法识别的要点“${describe(v.trim())}” (unknown point reference)`, flags);
}

// ───────────────────────── committees ─────────────────────────

function committeeKey(s: string, region: string): string {
  let t = toHalfWidth(s).text.replace(/[\s\u3000"'“”()（）·]/g, '');
  t = t.split(REGION_PLACEHOLDER).join('');
  const org = t.lastIndexOf('老科协');
  if (org < 0 && region && t.startsWith(region)) t = t.slice(region.length);
  if (org >= 0) t = t.slice(org + 3);
  t = t.replace(/专业委员会/g, '专委会');
  t = t.replace(/(?:专委会|委员会|专委)$/, '');
  return t;
}
const looseKey = (k: string) => k.replace(/[与和及、]/g, '');

/**
 * A committee reference: its name ("决策咨询专委会"), full name with the region ("江苏省老科协决策咨询专委会"),
 * short forms ("决策咨询", "乡村振兴专委会", "人才宣传"), or its id ("c2"). Value: the committee id.
 */
export function normaliseCommitteeRef(raw: unknown, catalog: Pick<Catalog, 'committees'>, region = ''): Normalised<string> {
  const t = normaliseText(raw);
  if (t.value === null) return t;
  const text = t.value;
  const byId = catalog.committees.find((c) => c.id === text);
  if (byId) return make(byId.id, raw, false, false, '');
  const exactName = catalog.committees.find((c) => c.name === text);
  if (exactName) return make(exactName.id, raw, false, false, t.note, t.flags);
  const k = committeeKey(text, region);
  if (!k) return make<string>(null, raw, false, true, `无法识别的专委会“${describe(text)}” (unknown committee)`);
  const keys = catalog.committees.map((c) => ({ id: c.id, name: c.name, key: committeeKey(c.name, region) }));
  let hits = keys.filter((c) => c.key === k);
  if (!hits.length) hits = keys.filter((c) => looseKey(c.key) === looseKey(k));
  if (hits.length === 1) {
    const full = fullNameMatches(text, hits[0].name, region);
    return make(hits[0].id, raw, false, false, full ? '' : `识别为“${hits[0].name}” (matched ${hits[0].name})`, full ? undefined : ['shortName']);
  }
  if (k.length >= 2) {
    const lk = looseKey(k);
    hits = keys.filter((c) => looseKey(c.key).includes(lk) || (lk.includes(looseKey(c.key)) && c.key.length >= 2));
    if (hits.length === 1) return make(hits[0].id, raw, false, false, `按简称识别为“${hits[0].name}” (matched by short name)`, ['shortName']);
    if (hits.length > 1) {
      return make<string>(null, raw, false, true, `“${text}”可指多个专委会（${hits.map((h) => h.name).join('、')}），无法确定 (ambiguous committee)`, ['multiple']);
    }
  }
  return make<string>(null, raw, false, true, `无法识别的专委会“${describe(text)}” (unknown committee)`);
}

function fullNameMatches(text: string, name: string, region: string): boolean {
  const t = text.replace(/\s+/g, '').split(REGION_PLACEHOLDER).join(region);
  return t === name || t === `${region}老科协${name}` || t === `老科协${name}`;
}

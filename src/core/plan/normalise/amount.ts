/** Numbers (quantities, times) and amounts (in the plan's budget unit): digits, separators, units, Chinese numerals. */
import type { BudgetUnit, Normalised } from '../types';
import { CN_DIGIT_RE, parseChineseNumeral, readSpelledAmount } from '../../util/numerals';
import { tidy } from '../../util/tidy';
import { describe, ERROR_VALUES, FORMULA_NO_VALUE_FLAGS, isBlank, joinNotes, make, toHalfWidth, unwrapCell } from './cell';
import type { Unwrapped } from './cell';

export { tidy };

const APPROX_RE = /约|大约|大概|左右|上下|余|多|几|若干|待定|不详|暂定|预计|估|~|≈|以上|以下|以内|不超过|不少于|不低于|不高于|tbd|tbc|\?/i;
const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const THOUSANDS_RE = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** A number in Chinese numerals followed by a counting word (三十人, 两场): the word has no numeral in it. */
const CN_COUNTED_RE = /^(.*?[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億])([^\d.%零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億点]{1,3})$/;

const PLAIN_MULTIPLIERS: [string, number][] = [['亿', 1e8], ['万', 1e4], ['千', 1e3], ['百', 1e2]];

type Failed = { error: string; flags: string[] };

interface ParsedNumber {
  value: number;
  notes: string[];
  flags: string[];
  /** Money multiplier to 元 when a money unit was given, else null. */
  moneyFactor: number | null;
  unitText: string;
}

/** An amount's text as read: the value in 元 (`yuan`) or in the plan's unit. */
interface ParsedAmount {
  value: number;
  notes: string[];
  flags: string[];
  yuan: boolean;
  /** The number as written in Arabic digits (no numeral), else null. */
  literal: number | null;
}

/**
 * Parse the text of a number: full-width digits, thousands separators, currency signs, accounting
 * negatives "(1200)", counting words and multipliers (30人, 2万人次); `money`: an amount (readAmountText).
 */
function parseNumberText(s: string, money: true, unit: BudgetUnit): ParsedAmount | Failed;
function parseNumberText(s: string, money: false): ParsedNumber | Failed;
function parseNumberText(s: string, money: boolean, unit: BudgetUnit = '元'): ParsedNumber | ParsedAmount | Failed {
  const notes: string[] = [];
  const flags: string[] = [];
  let t = s.trim();
  if (t.length !== s.length) flags.push('trimmed');
  const hw = toHalfWidth(t);
  if (hw.changed) {
    notes.push('全角字符转半角');
    flags.push('fullWidth');
  }
  t = hw.text.replace(/[\s\u3000\u00a0]+/g, '');
  if (ERROR_VALUES.test(t)) return { error: `单元格为错误值 ${t}`, flags: ['errorValue'] };
  if (APPROX_RE.test(t)) return { error: `“${s.trim()}”是估计值或范围，不是确定金额/数字；请填写确定的数字`, flags: ['approximate'] };
  if (/\d\s*[-~至到]\s*\d/.test(t.replace(/^[+-]/, ''))) {
    return { error: `“${s.trim()}”是一个范围，请填写确定的数字`, flags: ['range'] };
  }
  let negative = false;
  const acc = /^\((.*)\)$/.exec(t);
  if (acc) {
    t = acc[1];
    negative = true;
    notes.push('括号表示负数');
  }
  if (money) return readAmountText(t, s, unit, notes, flags, negative);
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
  {
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
  if (t.endsWith('%')) return { error: `“${s.trim()}”是百分数，不是金额/数量`, flags: ['percent'] };
  if (CN_DIGIT_RE.test(t)) {
    const cn = parseChineseNumeral(t);
    if (cn === null) return { error: `“${s.trim()}”含中文数字但不是可确定的数，请用阿拉伯数字填写`, flags };
    notes.push(`中文数字读作 ${cn}`);
    flags.push('reformatted', 'chineseNumeral');
    t = String(cn);
  }
  if (t.includes(',')) {
    if (THOUSANDS_RE.test(t)) {
      t = t.replace(/,/g, '');
      notes.push('去掉千位分隔符');
      flags.push('reformatted');
    } else return { error: `“${s.trim()}”的逗号位置不像千位分隔符，无法确定数值`, flags };
  }
  if (!NUMBER_RE.test(t)) return { error: `无法读取为数字：“${describe(s.trim())}”`, flags };
  let value = Number(t);
  if (!Number.isFinite(value)) return { error: `数字超出范围：“${describe(s.trim())}”`, flags };
  if (negative) value = -value;
  if (Object.is(value, -0)) value = 0;
  return { value, notes, flags, moneyFactor, unitText };
}

/** The unwrapped cell and its reading: null when blank, a number or a failure (`read` reads its text). */
function readRaw<T>(raw: unknown, number: (v: number) => T, read: (text: string) => T | Failed): { u: Unwrapped; parsed: T | Failed | null } {
  const u = unwrapCell(raw);
  const v = u.v;
  if (u.error) return { u, parsed: { error: `单元格为错误值 ${u.error}`, flags: ['errorValue'] } };
  if (isBlank(v)) return { u, parsed: null };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { u, parsed: { error: '不是有效数字', flags: [] } };
    return { u, parsed: number(Object.is(v, -0) ? 0 : v) };
  }
  if (typeof v === 'string') return { u, parsed: read(v) };
  if (typeof v === 'boolean') return { u, parsed: { error: `逻辑值 ${v} 不是数字`, flags: [] } };
  if (v instanceof Date) return { u, parsed: { error: '日期不是数字', flags: ['dateObject'] } };
  return { u, parsed: { error: `无法读取的值：${describe(v)}`, flags: [] } };
}

function numberFromRaw(raw: unknown): { u: Unwrapped; parsed: ParsedNumber | Failed | null } {
  return readRaw<ParsedNumber>(raw, (value) => ({ value, notes: [], flags: [], moneyFactor: null, unitText: '' }), (text) => parseNumberText(text, false));
}

/** A plain number (quantity, times): "30", "３０", "1,200", "30人", "2万人". */
export function normaliseNumber(raw: unknown): Normalised<number> {
  const { u, parsed } = numberFromRaw(raw);
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
const UNIT_EN: Record<BudgetUnit, string> = { 元: 'yuan', 万元: '10k yuan' };
/** Arabic digits with decimals, or an exponent (1e5). */
const PLAIN_AMOUNT_RE = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
/** The Arabic number an amount's text starts with (its literal value when no numeral follows). */
const LEADING_RE = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|^\.\d+/;
const CURRENCY_RE = /^(?:人民币|RMB|CNY|¥)/i;
/** Chinese digits, units below 万, 角 and 分 (万 and 亿 alone after digits, as in 3.5万, are units people type). */
const CN_NUMERAL_RE = /[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟角分]/;

/**
 * The text of an amount (half-width, no spaces, no accounting brackets) in 元 or in the plan's unit:
 *   - 元, 角, 分 (1200元, 叁万伍仟元整, 伍元伍角) or a currency sign (¥30,000, RMB 30000, 人民币3万元) → 元;
 *   - a number spelled with 千/万/亿 (3.5万, 三万五, 1万2, 五千) counts 元: 三万五 = 35000 元;
 *   - Arabic digits alone, or a numeral below 百 (十五), are in the plan's unit;
 *   - a numeral with 百 as its largest unit and no 元 (三百五, 伍佰) in a 万元 plan is refused: 350 元 or 350 万元?
 * Anything else that is not one definite number is refused, never guessed.
 */
function readAmountText(text: string, s: string, unit: BudgetUnit, notes: string[], flags: string[], negative: boolean): ParsedAmount | Failed {
  let t = text;
  let sign = negative ? -1 : 1;
  let currency = '';
  for (let pass = 0; pass < 2; pass++) {
    if (t[0] === '-' || t[0] === '+') {
      if (t[0] === '-') sign = -sign;
      t = t.slice(1);
    }
    const cur = CURRENCY_RE.exec(t);
    if (cur && !currency) {
      currency = cur[0];
      t = t.slice(cur[0].length);
    }
  }
  const raw = s.trim();
  if (/^(?:\$|US\$|USD|美元)|美元$/i.test(t)) return { error: `“${raw}”不是人民币金额；请换算为人民币后填写`, flags };
  if (t.endsWith('%')) return { error: `“${raw}”是百分数，不是金额/数量`, flags: ['percent'] };
  if (currency) {
    notes.push(`货币符号“${currency}”表示元`);
    flags.push('reformatted', 'currency');
  }
  t = t.replace(/块钱?$/, '元');
  let value: number;
  let yuan = currency !== '';
  let literal: number | null = null;
  if (PLAIN_AMOUNT_RE.test(t)) value = literal = Number(t);
  else {
    if (t.includes(',')) {
      if ((t.match(/[\d,]+(?:\.\d+)?/g) ?? []).every((run) => !run.includes(',') || THOUSANDS_RE.test(run))) {
        notes.push('去掉千位分隔符');
        flags.push('reformatted');
      } else return { error: `“${raw}”的逗号位置不像千位分隔符，无法确定数值`, flags };
    }
    const r = t ? readSpelledAmount(t, true) : null;
    if (r === null) {
      if (CN_DIGIT_RE.test(t)) return { error: `“${raw}”含中文数字但不是可确定的数，请用阿拉伯数字填写`, flags };
      return { error: `无法读取为数字：“${describe(raw)}”`, flags };
    }
    value = r.value;
    flags.push('reformatted');
    if (CN_NUMERAL_RE.test(t)) {
      notes.push(`中文数字读作 ${value}`);
      flags.push('chineseNumeral');
    } else {
      const lead = LEADING_RE.exec(t);
      if (lead) literal = Number(lead[0].replace(/,/g, ''));
      if (lead && lead[0].length < t.length) notes.push(`去掉单位“${t.slice(lead[0].length)}”`);
    }
    if (r.yuan || r.magnitude >= 1000) yuan = true;
    else if (r.magnitude >= 100 && unit === '万元' && !currency) {
      return { error: `“${raw}”没有写单位，无法确定是 ${value} 元还是 ${value} 万元；请写明单位，如“${value}元”`, flags: [...flags, 'ambiguousUnit'] };
    }
  }
  if (!Number.isFinite(value)) return { error: `数字超出范围：“${describe(raw)}”`, flags };
  value *= sign;
  if (Object.is(value, -0)) value = 0;
  return { value, notes, flags, yuan, literal };
}

/**
 * How a magnitude-changing amount was read ("中文数字，换算为万元"), from its flags: chineseNumeral,
 * currency, scaled (a unit or 万/千/亿 changed the number written in digits).
 */
export function amountReading(flags: readonly string[] | undefined, unit: BudgetUnit): { zh: string; en: string } {
  // Eight combinations of three flags per unit: each reading is built once (the returned object is not changed by callers).
  const mask = flags ? (flags.includes('chineseNumeral') ? 1 : 0) | (flags.includes('currency') ? 2 : 0) | (flags.includes('scaled') ? 4 : 0) : 0;
  let byMask = READINGS.get(unit);
  if (byMask === undefined) READINGS.set(unit, (byMask = []));
  let r = byMask[mask];
  if (r === undefined) {
    const zh: string[] = [];
    const en: string[] = [];
    if (mask & 1) {
      zh.push('中文数字');
      en.push('Chinese numerals');
    }
    if (mask & 2) {
      zh.push('货币符号表示元');
      en.push('currency sign read as yuan');
    }
    if (mask & 4) {
      zh.push(`换算为${unit}`);
      en.push(`converted to ${UNIT_EN[unit] ?? unit}`);
    }
    byMask[mask] = r = Object.freeze({ zh: zh.join('，'), en: en.join('; ') });
  }
  return r;
}
const READINGS = new Map<string, { zh: string; en: string }[]>();

/**
 * An amount in the plan's budget unit: "1,200", "１２００", "1200元", "0.5万元" (→ 5000 in a 元 plan),
 * "5000元", "三万五千元", "¥30,000" (→ 0.5, 3.5, 3 in a 万元 plan), "(1200)". A reading that changes
 * magnitude — a numeral, or a unit that changes the number written in digits — has flag
 * "unitConverted" and a note "三万五千元 → 3.5 万元（中文数字，换算为万元）". Negatives keep their value
 * (flag "negative"; the validator reports them). "约5万", "5-8万", "待定", "三百五" in a 万元 plan are
 * unreadable (never guessed).
 */
export function normaliseAmount(raw: unknown, unit: BudgetUnit): Normalised<number> {
  const { u, parsed } = readRaw<ParsedAmount>(raw, (value) => ({ value, notes: [], flags: [], yuan: false, literal: value }), (text) => parseNumberText(text, true, unit));
  if (parsed === null) return make<number>(null, raw, true, false, u.formulaNoValue ? '公式无缓存值' : '', u.formulaNoValue ? FORMULA_NO_VALUE_FLAGS : undefined);
  if ('error' in parsed) return make<number>(null, raw, false, true, parsed.error, parsed.flags);
  let value = parsed.value;
  const notes = parsed.notes;
  const flags = parsed.flags;
  const planFactor = UNIT_FACTOR[unit] ?? 1;
  if (parsed.yuan && planFactor !== 1) value = tidy(value / planFactor);
  const scaled = parsed.literal === null ? parsed.yuan && planFactor !== 1 : parsed.literal !== Math.abs(value);
  if (scaled) flags.push('scaled');
  if (scaled || flags.includes('chineseNumeral')) {
    flags.push('unitConverted');
    const how = amountReading(flags, unit);
    const text = typeof u.v === 'string' ? u.v.trim() : String(u.v);
    notes.push(`${text} → ${value} ${unit}（${how.zh}）`);
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

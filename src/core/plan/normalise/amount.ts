/** Numbers (quantities, times) and amounts (in the plan's budget unit): digits, separators, units, Chinese numerals. */
import type { BudgetUnit, Normalised } from '../types';
import { CN_DIGIT_RE, parseChineseNumeral } from '../../util/numerals';
import { tidy } from '../../util/tidy';
import { describe, ERROR_VALUES, FORMULA_NO_VALUE_FLAGS, isBlank, joinNotes, make, toHalfWidth, unwrapCell } from './cell';
import type { Unwrapped } from './cell';

export { tidy };

const APPROX_RE = /约|大约|大概|左右|上下|余|多|几|若干|待定|不详|暂定|预计|估|~|≈|以上|以下|以内|不超过|不少于|不低于|不高于|tbd|tbc|\?/i;
const NUMBER_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const THOUSANDS_RE = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** A number in Chinese numerals followed by a counting word (三十人, 两场): the word has no numeral in it. */
const CN_COUNTED_RE = /^(.*?[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億])([^\d.%零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億点]{1,3})$/;

/** Multipliers to 元. */
const MONEY_UNITS: [string, number][] = [
  ['亿元', 1e8], ['亿', 1e8], ['百万元', 1e6], ['万元', 1e4], ['万', 1e4], ['千元', 1e3], ['千', 1e3], ['元整', 1], ['元', 1], ['块钱', 1], ['块', 1],
];
const PLAIN_MULTIPLIERS: [string, number][] = [['亿', 1e8], ['万', 1e4], ['千', 1e3], ['百', 1e2]];

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

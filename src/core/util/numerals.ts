/**
 * Chinese numerals: the one reader of the product (amounts, numbers, dates, catalog numbering).
 */
import { tidy } from './tidy';

export const CN_DIGIT_RE = /[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億]/;

export const CN_DIGITS: Record<string, number> = {
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
export function cnInteger(s: string): number | null {
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


/** A small Chinese numeral (一 … 九十九) in a regular expression. */
export const CN_NUM = '[一二三四五六七八九十]{1,3}';
/** Digits or a small Chinese numeral → integer (NaN when neither). */
export const numOf = (s: string): number => (/^\d+$/.test(s) ? parseInt(s, 10) : chineseNumeralToInt(s));

/** A whole number in Chinese numerals (cnInteger) → integer; NaN when it is not one (catalog numbering, dates). */
export function chineseNumeralToInt(s: string): number {
  const n = cnInteger(s);
  return n === null ? NaN : n;
}

/**
 * Numbers spelled with Chinese numerals — 小写 (三万五千), 大写 (叁万伍仟), or mixed with Arabic
 * digits (3万5千, 1万2, 3.5万) — the one numeral reader of the product: amounts and numbers
 * (core/plan/normalise), dates, catalog numbering (core/catalog). Nothing here guesses: a spelling
 * that is not one definite number is null.
 */
import { tidy } from './tidy';

export const CN_DIGIT_RE = /[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億]/;

export const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const CN_SMALL: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_BIG: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** What spelledNumber read. */
export interface Spelled {
  value: number;
  /** The largest unit written (十 = 10 … 亿 = 1e8), 0 when none. */
  magnitude: number;
  /** A Chinese numeral (digit or unit) was used. */
  chinese: boolean;
}

const ARABIC_RE = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|^\.\d+/;

/**
 * A number spelled with digits (Chinese, or Arabic when `arabic`) and units 十百千万亿, or null when
 * it is not one unambiguously. 零 marks a gap (一百零五 = 105, 1万零500 = 10500); a single last digit
 * right after a unit is the next unit down, as people say it (三百五 = 350, 二万五 = 25000, 1万2 =
 * 12000); a run of bare Chinese digits (二〇二三) is not a number here. Arabic numbers: any number
 * (thousands separators, decimals) before 万/亿 (3.5万, 1,200万) or as the first part (1.5千); after
 * a unit, one digit (3千5), or as many digits as the unit has zeros (1万2000, 3千500) — other
 * remainders (1万25: 10025 or 12500?) are null.
 */
export function spelledNumber(s: string, arabic = false): Spelled | null {
  if (!s) return null;
  let total = 0;
  let section = 0;
  let pending = -1; // the number waiting for its unit
  let multi = false; // pending is an Arabic number of several digits or with decimals
  let first = true; // nothing read before pending
  let lastSmall = 0;
  let lastUnit = 0;
  let magnitude = 0;
  let zero = false;
  let chinese = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i];
    const c = ch.charCodeAt(0);
    if (arabic && ((c >= 48 && c <= 57) || ch === '.')) {
      const m = ARABIC_RE.exec(s.slice(i));
      if (!m || pending >= 0) return null;
      first = total === 0 && section === 0 && !zero;
      pending = Number(m[0].replace(/,/g, ''));
      multi = m[0].length > 1;
      i += m[0].length;
      continue;
    }
    i++;
    const d = CN_DIGITS[ch];
    if (d !== undefined) {
      chinese = true;
      if (d === 0) {
        zero = true;
        continue;
      }
      if (pending > 0) return null;
      pending = d;
      multi = false;
      continue;
    }
    const u = CN_SMALL[ch];
    if (u !== undefined) {
      chinese = true;
      if (pending < 0) {
        if (u === 10 && section === 0 && !zero) pending = 1; // 十五 = 15
        else return null;
      }
      if (multi && !first) return null; // 3千25百
      if (lastSmall && u >= lastSmall) return null;
      section += pending * u;
      lastSmall = u;
      lastUnit = u;
      if (u > magnitude) magnitude = u;
      pending = -1;
      multi = false;
      zero = false;
      continue;
    }
    const b = CN_BIG[ch];
    if (b === undefined) return null;
    chinese = true;
    if (pending > 0) {
      if (multi && lastSmall) return null; // 3千25万
      section += pending;
    }
    if (section === 0 && !(pending === 0 && total === 0)) return null; // 万, 一万万; but 0万 (an Arabic 0) is 0
    if (b === 1e8) total = (total + section) * b;
    else {
      if (total % 1e8 >= 1e4) return null; // 万 twice within one 亿
      total += section * b;
    }
    if (b > magnitude) magnitude = b;
    section = 0;
    pending = -1;
    multi = false;
    lastSmall = 0;
    lastUnit = b;
    zero = false;
  }
  if (pending > 0) {
    if (!multi) section += !zero && lastUnit >= 100 ? pending * (lastUnit / 10) : pending;
    else if (lastUnit === 0) section += pending;
    else {
      // A remainder of several Arabic digits after a unit: 1万零500, 1万2000, 3千500.
      if (!Number.isInteger(pending) || pending >= lastUnit) return null;
      if (!zero && String(pending).length !== String(lastUnit).length - 1) return null;
      section += pending;
    }
  }
  return { value: tidy(total + section), magnitude, chinese };
}

/**
 * A whole number in Chinese numerals, 小写 (三千五百) or 大写 (叁仟伍佰), or null when it is not
 * one unambiguously (spelledNumber without Arabic digits).
 */
export function cnInteger(s: string): number | null {
  const r = spelledNumber(s);
  return r ? r.value : null;
}

const FRACTION_DIGIT = '[0-9零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖]';
const YUAN_RE = new RegExp(`^(.*?)元(?:零?(${FRACTION_DIGIT})角)?(?:零?(${FRACTION_DIGIT})分)?$`);
const JIAO_RE = new RegExp(`^()(${FRACTION_DIGIT})角(?:零?(${FRACTION_DIGIT})分)?$`);
const FEN_RE = new RegExp(`^()()(${FRACTION_DIGIT})分$`);
const digitOf = (ch: string): number | undefined => (ch >= '0' && ch <= '9' ? +ch : CN_DIGITS[ch]);

/** What readSpelledAmount read. */
export interface SpelledAmount extends Spelled {
  /** Written in 元 (元, 角 or 分 given), else null. */
  yuan: boolean;
}

/**
 * A number with an optional 点 fraction (三点五, 三点五万), 元角分 (伍元伍角, 叁万伍仟元整, 35000元2角),
 * a trailing 整/正 after 元角分; Chinese numerals, mixed with Arabic digits when `arabic`. Null when
 * it is not one definite number.
 */
export function readSpelledAmount(text: string, arabic = false): SpelledAmount | null {
  const t = /[元角分][整正]$/.test(text) ? text.slice(0, -1) : text;
  const yuan = YUAN_RE.exec(t) ?? JIAO_RE.exec(t) ?? FEN_RE.exec(t);
  if (yuan) {
    if (!yuan[1] && !yuan[2] && !yuan[3]) return null;
    const whole = yuan[1] ? readPoint(yuan[1], arabic) : { value: 0, magnitude: 0, chinese: false };
    if (!whole) return null;
    const jiao = yuan[2] ? digitOf(yuan[2]) : 0;
    const fen = yuan[3] ? digitOf(yuan[3]) : 0;
    if (jiao === undefined || fen === undefined) return null;
    if ((yuan[2] || yuan[3]) && !Number.isInteger(whole.value)) return null; // 3.5元5角
    const chinese = whole.chinese || /[^0-9]/.test((yuan[2] ?? '') + (yuan[3] ?? ''));
    return { value: tidy(whole.value + jiao / 10 + fen / 100), magnitude: whole.magnitude, chinese, yuan: true };
  }
  const r = readPoint(t, arabic);
  return r && { ...r, yuan: false };
}

/** A spelled number with an optional 点 fraction and trailing 万/亿 (三点五万 = 35000). */
function readPoint(t: string, arabic: boolean): Spelled | null {
  const dot = t.indexOf('点');
  if (dot < 0) return spelledNumber(t, arabic);
  const whole = dot === 0 ? null : spelledNumber(t.slice(0, dot), arabic);
  if (whole === null || !Number.isInteger(whole.value) || whole.magnitude >= 1e4) return null;
  let rest = t.slice(dot + 1);
  let big = 1;
  while (rest && CN_BIG[rest[rest.length - 1]] !== undefined) {
    big *= CN_BIG[rest[rest.length - 1]];
    rest = rest.slice(0, -1);
  }
  if (!rest || big > 1e8) return null;
  let digits = '';
  for (const ch of rest) {
    const d = digitOf(ch);
    if (d === undefined || (!arabic && ch >= '0' && ch <= '9')) return null;
    digits += d;
  }
  const value = tidy(Number(`${whole.value}.${digits}`) * big);
  return { value, magnitude: Math.max(whole.magnitude, big > 1 ? big : 0), chinese: true };
}

/** Chinese numerals with an optional 点 fraction (三点五) or 元角分 (伍元伍角), a trailing 整/正; null when not one. */
export function parseChineseNumeral(text: string): number | null {
  const r = readSpelledAmount(text);
  return r ? r.value : null;
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

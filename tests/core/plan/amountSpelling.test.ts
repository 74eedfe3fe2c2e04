/**
 * Property: an amount spelled the ways clerks spell it — digits with or without thousands separators,
 * full-width digits, ¥/￥/RMB/人民币, 元/万元/整/角/分, 小写 and 大写 Chinese numerals, digits mixed with
 * 万/千/百, the colloquial 三万五 / 1万2, 三点五万元 — reads back as the amount, in the workbook's unit.
 * The expected value is worked out here from whole 分 (integers), not by the reader.
 *
 * 10⁵ cases (issue 10), about 14 s on a busy 2-core machine; AMOUNT_RUNS=20000 runs fewer.
 */
import fc from 'fast-check';
import { normaliseAmount } from '../../../src/core/plan/normalise';
import type { BudgetUnit } from '../../../src/core/plan/types';

const RUNS = Number(process.env.AMOUNT_RUNS) || 100_000;

const SMALL = '零一二三四五六七八九';
const BIG = '零壹贰叁肆伍陆柒捌玖';
const toUpper = (s: string) => [...s].map((c) => { const i = '零一二三四五六七八九十百千万亿'.indexOf(c); return i < 0 ? c : '零壹贰叁肆伍陆柒捌玖拾佰仟万亿'[i]; }).join('');

/** 0 ≤ n < 10⁴ in standard Chinese numerals (一千零五, 三百五十). */
function section(n: number): string {
  const U = ['', '十', '百', '千'];
  let s = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      if (s) zero = true;
      continue;
    }
    if (zero) { s += '零'; zero = false; }
    s += SMALL[d] + U[i];
  }
  return s;
}

/** A whole number in standard Chinese numerals (十二万五千, 一亿零五百万). */
function cn(n: number): string {
  let s = '';
  let gap = false;
  for (const [v, u] of [[Math.floor(n / 1e8), '亿'], [Math.floor(n / 1e4) % 1e4, '万'], [n % 1e4, '']] as [number, string][]) {
    if (v === 0) { if (s) gap = true; continue; }
    if (s && (gap || v < 1000)) s += '零';
    gap = false;
    s += section(v) + u;
  }
  if (!s) s = '零';
  if (s.startsWith('一十')) s = s.slice(1);
  return s;
}

/** Digits mixed with units: 3万5千2百元 style (y < 10⁸). */
function mixed(y: number): string {
  let s = '';
  const w = Math.floor(y / 1e4);
  const r = y % 1e4;
  if (w) s += `${w}万`;
  let zero = w > 0 && r > 0 && r < 1000;
  const U = ['', '十', '百', '千'];
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(r / 10 ** i) % 10;
    if (d === 0) {
      if (s && r % 10 ** i) zero = true;
      continue;
    }
    if (zero) { s += '零'; zero = false; }
    s += `${d}${U[i]}`;
  }
  return s || '0';
}

/** The decimal text of cents / 10^scale, without trailing zeros (integer arithmetic, no float noise). */
function decimal(cents: number, scale: number): string {
  const p = 10 ** scale;
  const i = Math.floor(cents / p);
  const f = String(cents % p).padStart(scale, '0').replace(/0+$/, '');
  return f ? `${i}.${f}` : String(i);
}
const withThousands = (s: string) => {
  const [i, f] = s.split('.');
  return i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f ? '.' + f : '');
};
const toFull = (s: string) => s.replace(/[0-9,.]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

/** 角 and 分 in Chinese (伍角, 零叁分, 伍角叁分) from the cents below one yuan. */
function jiaoFen(c: number, digits: string, arabic: boolean, afterYuan: boolean): string {
  const j = Math.floor(c / 10), f = c % 10;
  const d = (n: number) => (arabic ? String(n) : digits[n]);
  return (j ? d(j) + '角' : '') + (f ? (j || !afterYuan ? '' : '零') + d(f) + '分' : '');
}

interface Spelling {
  text: string;
  form: string;
}

/** Every applicable spelling of `cents` (an amount in 元 × 100) for a workbook in `unit`. */
function spellings(cents: number, unit: BudgetUnit, pick: number[]): Spelling[] {
  const y = Math.floor(cents / 100);
  const c = cents % 100;
  const yuanText = decimal(cents, 2);
  const out: Spelling[] = [];
  const p = (i: number) => pick[i % pick.length];
  const sep = (s: string) => (p(0) % 2 ? withThousands(s) : s);
  const full = (s: string) => (p(1) % 3 === 0 ? toFull(s) : s);
  const prefix = ['¥', '￥', 'RMB ', '人民币', 'RMB', '¥ '][p(2) % 6];
  // Digits + 元 (整 when whole), optionally after a currency sign.
  out.push({ form: '元', text: (p(3) % 2 ? prefix : '') + full(sep(yuanText)) + '元' + (c === 0 && p(4) % 2 ? '整' : '') });
  // A currency sign alone means 元.
  out.push({ form: '¥', text: prefix + full(sep(p(5) % 2 && c === 0 ? yuanText + '.00' : yuanText)) });
  // Digits + 万元 or 万 (万 counts 元): 3.5万元, 人民币3万元.
  out.push({ form: '万元', text: (p(6) % 3 === 0 ? prefix : '') + full(sep(decimal(cents, 6))) + (p(7) % 2 ? '万元' : '万') });
  // Digits alone are in the workbook's unit.
  out.push({ form: 'plain', text: full(sep(decimal(cents, unit === '万元' ? 6 : 2))) });
  // Chinese numerals, 小写 or 大写, with 元角分 and 整.
  const upper = p(8) % 2 === 1;
  const digits = upper ? BIG : SMALL;
  const whole = upper ? toUpper(cn(y)) : cn(y);
  const jf = jiaoFen(c, digits, false, y > 0);
  out.push({ form: '中文元角分', text: (p(9) % 4 === 0 ? '人民币' : '') + (y || !jf ? whole + '元' : '') + jf + (c === 0 || (c % 10 !== 0 && p(10) % 2) ? (p(11) % 2 ? '整' : '') : '') });
  // Digits mixed with 万/千/百 (3万5千2百元), 角/分 as digits.
  if (y < 1e8 && y > 0) out.push({ form: 'mixed', text: full(mixed(y)) + '元' + jiaoFen(c, SMALL, true, true) });
  // Chinese numerals without a unit: 千/万/亿 count 元; below 千 only in a 元 workbook.
  if (c === 0 && y > 0 && (y >= 1000 || unit === '元')) out.push({ form: '中文', text: whole });
  // Colloquial: 三万五, 一千二, 1万2, 三百五元.
  if (c === 0) {
    for (let k = 2; k <= 8; k++) {
      const a = Math.floor(y / 10 ** k), b = Math.floor(y / 10 ** (k - 1)) % 10;
      if (a >= 1 && a <= 9 && b > 0 && y === a * 10 ** k + b * 10 ** (k - 1) && (k === 2 || k === 3 || k === 4 || k === 8)) {
        const unitChar = { 2: '百', 3: '千', 4: '万', 8: '亿' }[k]!;
        const needsYuan = k === 2 && unit === '万元';
        out.push({ form: '口语', text: SMALL[a] + unitChar + SMALL[b] + (needsYuan ? '元' : '') });
        if (k === 3 || k === 4) out.push({ form: '口语数字', text: full(`${a}${unitChar}${b}`) });
      }
    }
  }
  // 三点五万元: Chinese digits with 点, 万元.
  const wan = decimal(cents, 6);
  const [wi, wf] = wan.split('.');
  if (wf && Number(wi) < 1e4) {
    const wiCn = Number(wi) === 0 ? '零' : cn(Number(wi));
    const t = (upper ? toUpper(wiCn) : wiCn) + '点' + [...wf].map((d) => digits[+d]).join('') + (p(12) % 2 ? '万元' : '万');
    out.push({ form: '点万', text: t });
  }
  return out;
}

/** 13 choices from one seed (a small LCG): cheaper to generate than an array per case. */
function picks(seed: number): number[] {
  const out: number[] = [];
  let x = seed >>> 0;
  for (let i = 0; i < 13; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out.push(x >>> 8);
  }
  return out;
}

test(`an amount spelled any way a clerk spells it reads back as the amount, in the workbook's unit (${RUNS} cases)`, () => {
  const forms = new Map<string, number>();
  fc.assert(
    fc.property(
      fc.oneof(fc.integer({ min: 1, max: 99_999_999_999 }), fc.integer({ min: 1, max: 9_999_999 }).map((y) => y * 100), fc.integer({ min: 1, max: 99 }).map((y) => y * 100_000)),
      fc.constantFrom<BudgetUnit>('万元', '元'),
      fc.nat(),
      fc.nat(),
      (cents, unit, seed, which) => {
        const all = spellings(cents, unit, picks(seed));
        const s = all[which % all.length];
        forms.set(s.form, (forms.get(s.form) ?? 0) + 1);
        const expected = Number(decimal(cents, unit === '万元' ? 6 : 2));
        const n = normaliseAmount(s.text, unit);
        if (n.unreadable || n.value === null || Math.abs(n.value - expected) > 1e-12 * Math.max(1, expected)) {
          throw new Error(`${JSON.stringify(s.text)} (${s.form}) in a ${unit} workbook: expected ${expected}, read ${n.value} — ${n.note}`);
        }
        // A reading whose value differs from the digits written (or written in numerals) says what it was read as.
        if (n.flags?.includes('unitConverted') && !n.note.includes(`→ ${n.value} ${unit}`)) throw new Error(`no reading in the note of ${s.text}: ${n.note}`);
      },
    ),
    { numRuns: RUNS },
  );
  // Every form was tried (the generator is not stuck on a few).
  expect([...forms.keys()].sort()).toEqual(['mixed', '万元', '中文', '中文元角分', '口语', '口语数字', '元', 'plain', '点万', '¥'].sort());
});

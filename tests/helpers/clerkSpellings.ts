/**
 * How clerks type amounts and dates, spelled by code from a known true value, for the acceptance
 * corpus (tests/helpers/acceptanceCorpus.ts). Independent of src/: the spellings are written here
 * from the rules of written Chinese, never by calling our reader.
 *
 * Amounts: the true value is a whole number of 元 (a multiple of 100, so every 万元 figure has at
 * most 2 decimals); the plan unit is 万元.
 */

/** A seeded pseudo-random generator (mulberry32): the corpus is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const between = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const LOWER = '零一二三四五六七八九';
const UPPER = '零壹贰叁肆伍陆柒捌玖';

/** A whole number below 10⁸ in Chinese numerals: 35000 → 三万五千 (小写) / 叁万伍仟 (大写). */
export function chineseInteger(n: number, upper = false): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e8) throw new Error(`chineseInteger: ${n}`);
  const D = upper ? UPPER : LOWER;
  const U = upper ? ['', '拾', '佰', '仟'] : ['', '十', '百', '千'];
  const section = (s: number): string => {
    let out = '';
    let zero = false;
    for (let i = 3; i >= 0; i--) {
      const d = Math.floor(s / 10 ** i) % 10;
      if (d === 0) {
        if (out) zero = true;
        continue;
      }
      if (zero) out += D[0];
      zero = false;
      out += D[d] + U[i];
    }
    return out;
  };
  const hi = Math.floor(n / 1e4);
  const lo = n % 1e4;
  let s = '';
  if (hi) s += section(hi) + '万';
  if (lo) s += (hi && lo < 1000 ? D[0] : '') + section(lo);
  if (!upper) s = s.replace(/^一十/, '十'); // 十二万五千, not 一十二万五千
  return s || D[0];
}

/** Half-width digits, dot, comma → full-width (３．５). */
export function fullWidth(s: string): string {
  return s.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** 万元 from 元, exactly (yuan is a multiple of 100). */
export const wanOf = (yuan: number): number => Number((yuan / 1e4).toFixed(4));

export const AMOUNT_FORMS = [
  'plain', // 3.5 (a number cell, in 万元)
  'wanUnit', // 5万元
  'yuanUnit', // 35000元
  'cnLower', // 三万五千元
  'cnUpper', // 叁万伍仟元整
  'currency', // ¥30,000 / ￥30000 / RMB 30000
  'rmbWan', // 人民币3万元
  'mixed', // 3万5千元
  'fullWidthWan', // ３．５
  'fullWidthYuan', // ３５０００元
  'colloquial', // 三万五 / 两万五
  'mixedColloquial', // 1万2
  'formula', // 单价 × 数量 × 次数, the template's 金额 formula left in place
] as const;
export type AmountForm = (typeof AMOUNT_FORMS)[number];

/**
 * Forms whose reading changes the magnitude of what was typed (a unit other than the plan's 万元,
 * a Chinese numeral, a currency sign meaning 元): each must be listed in 问题清单 with the value read.
 */
export const MAGNITUDE_FORMS: ReadonlySet<AmountForm> = new Set<AmountForm>(['yuanUnit', 'cnLower', 'cnUpper', 'currency', 'rmbWan', 'mixed', 'fullWidthYuan', 'colloquial', 'mixedColloquial']);

export interface SpelledAmount {
  form: AmountForm;
  /** What goes into the 金额 cell: text, a number, or null for the formula form (left to the template). */
  raw: string | number | null;
  /** The true amount in 万元. */
  wan: number;
  /** Formula form only: 单价 (万元), 数量, 次数. */
  unitPrice?: number;
  quantity?: number;
  times?: number;
}

/** A random amount spelled in the given form. */
export function spellAmount(r: () => number, form: AmountForm): SpelledAmount {
  const yuan = between(r, 10, 2000) * 100; // 1,000 … 200,000 元
  const wan = wanOf(yuan);
  switch (form) {
    case 'plain':
      return { form, raw: wan, wan };
    case 'wanUnit':
      return { form, raw: `${wan}万元`, wan };
    case 'yuanUnit':
      return { form, raw: `${yuan}元`, wan };
    case 'cnLower':
    case 'cnUpper': {
      // Half of them whole thousands (三万五千元, 叁万伍仟元整): the 千元 ending is where readers slip.
      const y = r() < 0.5 ? between(r, 1, 200) * 1000 : yuan;
      return { form, raw: form === 'cnLower' ? `${chineseInteger(y)}元` : `${chineseInteger(y, true)}元整`, wan: wanOf(y) };
    }
    case 'currency': {
      const s = pick(r, ['¥', '￥', 'RMB ']);
      return { form, raw: s === '¥' ? `¥${yuan.toLocaleString('en-US')}` : `${s}${yuan}`, wan };
    }
    case 'rmbWan':
      return { form, raw: `人民币${wan}万元`, wan };
    case 'fullWidthWan':
      return { form, raw: fullWidth(String(wan)), wan };
    case 'fullWidthYuan':
      return { form, raw: `${fullWidth(String(yuan))}元`, wan };
    case 'mixed':
    case 'colloquial':
    case 'mixedColloquial': {
      // a 万 and b 千: 3万5千元, 三万五, 1万2
      const a = form === 'colloquial' ? between(r, 1, 9) : between(r, 1, 19);
      const b = between(r, 1, 9);
      const w = wanOf(a * 1e4 + b * 1e3);
      if (form === 'mixed') return { form, raw: `${a}万${b}千元`, wan: w };
      if (form === 'mixedColloquial') return { form, raw: `${a}万${b}`, wan: w };
      // 两 only leads (两万五); a trailing 2 is 二 (一万二), as people say them.
      return { form, raw: `${a === 2 ? '两' : LOWER[a]}万${LOWER[b]}`, wan: w };
    }
    case 'formula': {
      const unitPrice = between(r, 1, 40) * 0.05; // 0.05 … 2 万元
      const up = Number(unitPrice.toFixed(2));
      const quantity = between(r, 1, 6);
      const times = between(r, 1, 3);
      return { form, raw: null, wan: Number((up * quantity * times).toFixed(4)), unitPrice: up, quantity, times };
    }
  }
}

// ───────────────────────── dates ─────────────────────────

export const DATE_FORMS = ['date', 'isoText', 'slash', 'monthDay', 'yearMonth', 'serial', 'cnFull'] as const;
export type DateForm = (typeof DATE_FORMS)[number];

/**
 * A date cell as saved: a real date (ISO here, written as a date cell), text, or a date serial
 * number under a Chinese date format as WPS and Excel write it (readers see a plain number).
 */
export type DateCell = { date: string } | string | { serial: number; numFmt: string };

/** The Chinese long-date format WPS and Excel give a date typed as 2023年3月1日. */
export const CHINESE_DATE_FORMAT = 'yyyy"年"m"月"d"日";@';

export interface SpelledDate {
  form: DateForm;
  cell: DateCell;
  /** What it means in a start column (a month means its first day). */
  start: string;
  /** What it means in an end or milestone column (a month means its last day). */
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
/** Excel serial (1900 date system) of a day. */
export const excelSerial = (y: number, m: number, d: number): number => Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 864e5);

/** The day y-m-d spelled in the given form (yearMonth drops the day: the whole month). */
export function spellDate(form: DateForm, y: number, m: number, d: number): SpelledDate {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  switch (form) {
    case 'date':
      return { form, cell: { date: iso }, start: iso, end: iso };
    case 'isoText':
      return { form, cell: iso, start: iso, end: iso };
    case 'slash':
      return { form, cell: `${y}/${m}/${d}`, start: iso, end: iso };
    case 'monthDay':
      return { form, cell: `${m}月${d}日`, start: iso, end: iso };
    case 'cnFull':
      return { form, cell: `${y}年${m}月${d}日`, start: iso, end: iso };
    case 'serial':
      return { form, cell: { serial: excelSerial(y, m, d), numFmt: CHINESE_DATE_FORMAT }, start: iso, end: iso };
    case 'yearMonth':
      return { form, cell: `${y}年${m}月`, start: `${y}-${pad(m)}-01`, end: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
  }
}

/** Free text, task codes (任务编号) and yes/no flags (草稿). */
import type { Normalised } from '../types';
import { describe, FORMULA_NO_VALUE_FLAGS, ERROR_VALUES, isBlank, joinNotes, make, toHalfWidth, unwrapCell } from './cell';
import { dateObjectToIso } from './date';

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
  if (isBlank(v)) return make<string>(null, raw, true, false, u.formulaNoValue ? '公式无缓存值' : '', u.formulaNoValue ? FORMULA_NO_VALUE_FLAGS : undefined);
  if (typeof v === 'string') {
    const t = v.trim();
    if (ERROR_VALUES.test(t)) return make<string>(null, raw, false, true, `单元格为错误值 ${t}`, ['errorValue']);
    if (t.length !== v.length) return make(t, raw, false, false, '去掉首尾空格', ['trimmed']);
    return make(t, raw, false, false, '');
  }
  if (typeof v === 'number') return Number.isFinite(v) ? make(String(v), raw, false, false, '') : make<string>(null, raw, false, true, '不是有效数字');
  if (typeof v === 'boolean') return make(v ? 'TRUE' : 'FALSE', raw, false, false, '逻辑值按文本读取');
  if (v instanceof Date) {
    const iso = dateObjectToIso(v);
    return iso ? make(iso.iso, raw, false, false, '日期按文本读取', ['dateObject']) : make<string>(null, raw, false, true, '无效日期');
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
    notes.push('全角转半角');
    flags.push('fullWidth');
  }
  if (up !== text) {
    notes.push('去掉空格/改为大写');
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

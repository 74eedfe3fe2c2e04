/** Work point references (要点): numbers, "第四条", "（四）", titles; title keys for comparing titles. */
import type { Catalog } from '../../catalog/types';
import { REGION_PLACEHOLDER } from '../../catalog/types';
import type { Normalised } from '../types';
import { CN_NUM, numOf } from '../../util/numerals';
import { describe, isBlank, joinNotes, make, toHalfWidth, unwrapCell } from './cell';

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
    return make<number>(null, raw, false, true, `“${v}”不是要点编号`);
  }
  if (typeof v !== 'string') return make<number>(null, raw, false, true, `无法读取的要点：${describe(v)}`);
  const hw = toHalfWidth(v.trim());
  const notes: string[] = [];
  const flags: string[] = [];
  if (hw.changed) flags.push('fullWidth');
  const t = hw.text.trim();
  if (/^(?:要点|第)?\s*\d+\s*(?:条|项)?\s*(?:[、,，和与及/&;；]|\s)\s*(?:要点|第)?\s*\d+(?:\s|$|[条项])/.test(t)) {
    return make<number>(null, raw, false, true, `“${v.trim()}”写了多个要点；一行任务只对应一个要点`, ['multiple']);
  }
  for (const re of POINT_PATTERNS) {
    const m = re.exec(t);
    if (!m) continue;
    const n = numOf(m[1]);
    if (!Number.isInteger(n) || n <= 0) continue;
    const rest = (m[2] ?? '').trim();
    if (/^\d/.test(rest) || /^[和与及、,，/&]\s*(?:要点|第)?\s*\d/.test(rest)) {
      return make<number>(null, raw, false, true, `“${v.trim()}”写了多个要点；一行任务只对应一个要点`, ['multiple']);
    }
    if (!(re === POINT_PATTERNS[3] && rest === '' && String(n) === t)) {
      notes.push(`读作要点 ${n}`);
      flags.push('reformatted');
    }
    if (!known(n)) flags.push('unknown');
    if (rest) {
      const byTitle = pointsByTitle(catalog, rest);
      if (byTitle.length && !byTitle.includes(n)) {
        notes.push(`但标题“${rest}”是要点 ${byTitle.join('、')} 的标题`);
        flags.push('titleMismatch');
      }
    }
    return make(n, raw, false, false, joinNotes(notes), flags);
  }
  const byTitle = pointsByTitle(catalog, t);
  if (byTitle.length === 1) {
    return make(byTitle[0], raw, false, false, `按标题识别为要点 ${byTitle[0]}`, [...flags, 'titleOnly']);
  }
  if (byTitle.length > 1) {
    return make<number>(null, raw, false, true, `“${v.trim()}”与多个要点的标题相符（${byTitle.join('、')}），无法确定`, ['multiple']);
  }
  return make<number>(null, raw, false, true, `无法识别的要点“${describe(v.trim())}”`, flags);
}

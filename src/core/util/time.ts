/**
 * Timestamps for people: the ISO instants the product stores (UTC, "2023-01-05T08:00:00.000Z")
 * shown as China Standard Time ("2023-01-05 16:00（北京时间）"). China keeps UTC+8 all year (no
 * daylight saving), so the shift is fixed and the result does not depend on the machine's zone.
 * Machine-readable places (_meta, _summary) keep the ISO text.
 */
const OFFSET_MS = 8 * 3600 * 1000;

/**
 * "2023-01-05T08:00:00.000Z" → "2023-01-05 16:00（北京时间）" (lang "en": "2023-01-05 16:00 (Beijing
 * time)"); text that is not an ISO instant is returned as is.
 */
export function beijingTime(iso: string, lang: 'zh' | 'en' = 'zh'): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const d = new Date(ms + OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  const text = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
  return lang === 'en' ? `${text} (Beijing time)` : `${text}（北京时间）`;
}

/** "2023-01-05T08:00:00.000Z" → "2023-01-05 16:00" (北京时间, for a sentence that names the zone itself); other text as is. */
export function beijingClock(iso: string): string {
  return beijingTime(iso).replace('（北京时间）', '');
}

/** The day of a Date as yyyy-mm-dd (UTC), or "无效日期" for an Invalid Date (never throws). */
export function isoDay(d: Date): string {
  const t = d.getTime();
  return Number.isFinite(t) ? d.toISOString().slice(0, 10) : '无效日期';
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 / W3CDTF instant ("2023-03-21T10:00:00Z", "…T10:00:00.123456789+08:00", "2023-03-21")
 * as milliseconds since the epoch, or null when the text is not one. A time with no zone is 北京时间
 * (what people here type); a date alone is its start in UTC (as the product stores dates). Never
 * depends on the machine's zone, unlike Date.parse.
 */
export function instantOf(text: string): number | null {
  const m = ISO_RE.exec((text ?? '').trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const ms = frac ? Number(frac.slice(0, 3).padEnd(3, '0')) : 0;
  const base = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0), ms);
  if (!Number.isFinite(base)) return null;
  // Out-of-range fields (month 13, day 32) roll over in Date.UTC: refuse them instead.
  const check = new Date(base);
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d)) return null;
  if (h === undefined) return base; // a date alone
  let offset = 8 * 60; // no zone: 北京时间
  if (zone && zone.toUpperCase() !== 'Z') {
    const z = zone.replace(':', '');
    offset = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5)));
  } else if (zone) offset = 0;
  return base - offset * 60_000;
}

/**
 * Timestamps for people: the ISO instants the product stores (UTC, "2023-01-05T08:00:00.000Z")
 * shown as China Standard Time ("2023-01-05 16:00（北京时间）"). China keeps UTC+8 all year (no
 * daylight saving), so the shift is fixed and the result does not depend on the machine's zone.
 * Machine-readable places (_meta, _summary) keep the ISO text.
 */
const OFFSET_MS = 8 * 3600 * 1000;

/** "2023-01-05T08:00:00.000Z" → "2023-01-05 16:00（北京时间）"; text that is not an ISO instant is returned as is. */
export function beijingTime(iso: string): string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso)) return iso;
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const d = new Date(ms + OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}（北京时间）`;
}

/** The day of a Date as yyyy-mm-dd (UTC), or "无效日期 (invalid date)" for an Invalid Date (never throws). */
export function isoDay(d: Date): string {
  const t = d.getTime();
  return Number.isFinite(t) ? d.toISOString().slice(0, 10) : '无效日期 (invalid date)';
}

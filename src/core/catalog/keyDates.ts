/** Resolve key-date rules (solar or lunar month/day) to Gregorian dates of a plan year. */
import { Lunar } from 'lunar-typescript';
import type { KeyDate, KeyDateRule } from './types';

const pad = (n: number) => String(n).padStart(2, '0');

/** Gregorian ISO date of a lunar month/day in the lunar year that starts in `year`. */
export function lunarToIso(year: number, month: number, day: number): string {
  const solar = Lunar.fromYmd(year, month, day).getSolar();
  return `${solar.getYear()}-${pad(solar.getMonth())}-${pad(solar.getDay())}`;
}

export function resolveKeyDates(rules: KeyDateRule[], year: number): KeyDate[] {
  return rules.map((r) => ({
    ...r,
    date: r.calendar === 'solar' ? `${year}-${pad(r.month)}-${pad(r.day)}` : lunarToIso(year, r.month, r.day),
  }));
}

/** Dates named in the measures of points: "5月30日", "农历九月初九（重阳节）", with the event and the committee. */
import { chineseNumeralToInt } from '../util/numerals';
import type { KeyDateRule, WorkPoint } from './types';

const LUNAR_MONTH = '[正一二三四五六七八九十冬腊]+';
const LUNAR_DAY = '初[一二三四五六七八九十]|二十|三十|十[一二三四五六七八九]|二十[一二三四五六七八九]|廿[一二三四五六七八九]|[一二三四五六七八九十]';
const LUNAR_RE = new RegExp(`农历(${LUNAR_MONTH})月(${LUNAR_DAY})(（[^）]*）|\\([^)]*\\))?`, 'g');
const SOLAR_RE = /(?<![0-9年])([0-9]{1,2})月([0-9]{1,2})日/g;

function lunarMonthNumber(s: string): number {
  if (s === '正') return 1;
  if (s === '冬') return 11;
  if (s === '腊') return 12;
  return chineseNumeralToInt(s);
}

function lunarDayNumber(s: string): number {
  if (s.startsWith('初')) return chineseNumeralToInt(s.slice(1));
  if (s.startsWith('廿')) return 20 + chineseNumeralToInt(s.slice(1));
  return chineseNumeralToInt(s);
}

/** The event a date belongs to: the first “…” after the date in the sentence, else the bracketed note. */
function eventAfter(sentence: string, from: number, bracket?: string): string {
  const rest = sentence.slice(from);
  const q = /“([^”]+)”/.exec(rest);
  if (q) return q[1];
  if (bracket) return bracket.replace(/[（）()]/g, '');
  return '';
}

export function keyDateRulesOf(points: WorkPoint[]): KeyDateRule[] {
  const keyDateRules: KeyDateRule[] = [];
  for (const p of points) {
    for (const m of p.measures) {
      for (const hit of m.text.matchAll(SOLAR_RE)) {
        const month = +hit[1], day = +hit[2];
        if (month < 1 || month > 12 || day < 1 || day > 31) continue;
        keyDateRules.push({
          id: `p${p.number}-m${m.index}-solar-${month}-${day}`,
          point: p.number, measureIndex: m.index, calendar: 'solar', month, day,
          label: hit[0], event: eventAfter(m.text, (hit.index ?? 0) + hit[0].length), committeeId: m.committeeId,
        });
      }
      for (const hit of m.text.matchAll(LUNAR_RE)) {
        const month = lunarMonthNumber(hit[1]), day = lunarDayNumber(hit[2]);
        keyDateRules.push({
          id: `p${p.number}-m${m.index}-lunar-${month}-${day}`,
          point: p.number, measureIndex: m.index, calendar: 'lunar', month, day,
          label: hit[0], event: eventAfter(m.text, (hit.index ?? 0) + hit[0].length, hit[3]), committeeId: m.committeeId,
        });
      }
    }
  }
  return keyDateRules;
}

/**
 * A closing list of responsibilities (任务分工 / 责任分工表) copied as text: one line per point, naming the point
 * by its title or number and the units after it, e.g.
 *   1.强化思想政治引领：党委
 *   （二）做好顶层设计 牵头单位：决策咨询专委会；责任单位：秘书处
 *   第3项 由组织建设与服务专委会负责
 *   3 加强内部治理 组织建设与服务专委会 秘书处        (a table pasted as text)
 */
import type { SourceLine } from './front';
import type { WorkPoint } from './types';
import { matchNumbered } from './numbering';
import { chineseNumeralToInt } from '../util/numerals';
import { CLOSING_HEAD, findResponsibility, isUnitName } from './responsibility';

export interface ListEntry {
  point: WorkPoint;
  names: string[];
}

const squash = (s: string) => s.replace(/[\s“”"]/g, '');

export function readResponsibilityList(lines: SourceLine[], points: WorkPoint[]): { entries: ListEntry[]; unmatched: SourceLine[] } {
  const entries: ListEntry[] = [];
  const unmatched: SourceLine[] = [];
  for (const l of lines) {
    if (CLOSING_HEAD.test(l.text) || /序号|牵头单位\s*责任单位|^附件/.test(l.text) && !/[：:]\s*\S/.test(l.text.replace(/^附件\s*[0-9]*/, ''))) continue;
    const num = matchNumbered(l.text);
    let rest = num ? num.rest : l.text;
    // The point: by its title (longest first), else by 第N项 / 要点N / the line's number.
    const flat = squash(rest);
    let point = [...points].sort((a, b) => b.title.length - a.title.length).find((p) => p.title.length >= 2 && flat.includes(squash(p.title)));
    if (point) rest = rest.replace(point.title, ' ');
    else {
      const ref = /^(?:第|要点)\s*[（(]?\s*([0-9]+|[一二三四五六七八九十]+)\s*[)）]?\s*(?:项|条|点)?/.exec(rest);
      const n = ref ? (/^[0-9]+$/.test(ref[1]) ? +ref[1] : chineseNumeralToInt(ref[1])) : num?.n;
      if (ref) rest = rest.slice(ref[0].length);
      point = n ? points.find((p) => p.number === n) : undefined;
    }
    const found = findResponsibility(rest.trim().replace(/^[：:—\-\s]+/, ''));
    const names = found?.names ?? rest.split(/[\s：:—\-、，,；;]+/).filter(isUnitName);
    if (!point || !names.length) {
      unmatched.push(l);
      continue;
    }
    entries.push({ point, names });
  }
  return { entries, unmatched };
}

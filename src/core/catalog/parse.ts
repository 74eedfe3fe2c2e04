/**
 * Importer: 工作要点 text → Catalog.
 * Accepts the official numbering styles 一、 / （一） / 1. / 1、 / （1）, full- or half-width
 * punctuation, stray spaces and blank lines, a title line and a preamble before the first section.
 * The highest numbering level present is the section (部分); the next one is the work point (要点).
 * Deeper levels stay inside the point's text.
 */
import { sha256 } from '../util/sha256';
import type { Catalog, Committee, ImportIssue, KeyDateRule, Measure, Section, WorkPoint } from './types';
import { REGION_PLACEHOLDER } from './types';
import { chineseNumeralToInt } from '../util/numerals';

type Level = 'cn' | 'cnParen' | 'arabic' | 'arabicParen';
const LEVEL_ORDER: Level[] = ['cn', 'cnParen', 'arabic', 'arabicParen'];

const CN = '[一二三四五六七八九十百零〇两]+';
const DIGITS = '[0-9０-９]+';
const PATTERNS: Record<Level, RegExp> = {
  cn: new RegExp(`^(${CN})\\s*[、，,.．]\\s*(.*)$`),
  cnParen: new RegExp(`^[（(]\\s*(${CN})\\s*[)）]\\s*[、.．]?\\s*(.*)$`),
  arabic: new RegExp(`^(${DIGITS})\\s*(?:[.．、，,](?![0-9０-９])|\\s)\\s*(.*)$`),
  arabicParen: new RegExp(`^[（(]\\s*(${DIGITS})\\s*[)）]\\s*[、.．]?\\s*(.*)$`),
};

interface Line {
  no: number;
  text: string;
}

interface Numbered {
  level: Level;
  n: number;
  rest: string;
  line: number;
}

function toHalfWidthDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

function numberOf(level: Level, token: string): number {
  if (level === 'cn' || level === 'cnParen') return chineseNumeralToInt(token);
  return parseInt(toHalfWidthDigits(token), 10);
}

function matchNumbered(line: Line): Numbered | null {
  for (const level of LEVEL_ORDER) {
    const m = PATTERNS[level].exec(line.text);
    if (m && m[2].trim() !== '') {
      // "2023年…" must not read as point 2023: arabic numbers need a separator right after.
      const n = numberOf(level, m[1]);
      if (!Number.isFinite(n) || n <= 0 || n > 999) continue;
      return { level, n, rest: m[2].trim(), line: line.no };
    }
  }
  return null;
}

/** Replace the redacted organisation name `**` (or ＊＊) with the placeholder. */
function withPlaceholder(s: string): string {
  return s.replace(/[*＊]{2,}/g, REGION_PLACEHOLDER);
}

/** Split into sentences at 。！？ (and ；? no: ； stays inside), not inside “” 《》 （） quotes. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  const open = '“《（(「『‘';
  const close = '”》）)」』’';
  for (const ch of text) {
    cur += ch;
    if (open.includes(ch)) depth++;
    else if (close.includes(ch)) depth = Math.max(0, depth - 1);
    else if ((ch === '。' || ch === '！' || ch === '？' || ch === '!' || ch === '?') && depth === 0) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

const CLAUSE = /具体工作由(.+?)(?:牵头)?负责(?:组织)?实施/;

/** "{{region}}老科协决策咨询专委会" → "决策咨询专委会"; several names split on 、 ， 和 与 (between names). */
function committeeNamesOf(clauseTarget: string): string[] {
  return clauseTarget
    .split(/[、，,；;]|(?<=[会委组室部处])(?:和|及|与|、)/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => s.replace(REGION_PLACEHOLDER, '').replace(/^(.*?老科协)/, '').trim() || s.trim());
}

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

export interface ParseOptions {
  /** Plan year when the title does not name one. */
  year?: number;
}

export function parseCatalog(source: string, options: ParseOptions = {}): Catalog {
  const issues: ImportIssue[] = [];
  const issue = (severity: ImportIssue['severity'], code: ImportIssue['code'], zh: string, en: string, line?: number) =>
    issues.push({ severity, code, line, message: { zh, en } });

  const lines: Line[] = source
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((t, i) => ({ no: i + 1, text: t.replace(/[\s\u3000\u00a0]+/g, ' ').trim() }))
    .filter((l) => l.text !== '');

  const numbered = lines.map(matchNumbered);
  const present = LEVEL_ORDER.filter((lv) => numbered.some((n) => n?.level === lv));
  let sectionLevel: Level | null = null;
  let pointLevel: Level | null = null;
  if (present.length >= 2) {
    sectionLevel = present[0];
    pointLevel = present[1];
  } else if (present.length === 1) {
    pointLevel = present[0];
  }

  let title = '';
  const preamble: string[] = [];
  const sections: Section[] = [];
  interface RawPoint {
    n: number;
    section: number;
    text: string;
    line: number;
  }
  const rawPoints: RawPoint[] = [];
  let started = false;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const num = numbered[i];
    const isSection = num && num.level === sectionLevel;
    const isPoint = num && num.level === pointLevel;
    if (isSection) {
      started = true;
      sections.push({ number: sections.length + 1, numeral: '', title: withPlaceholder(num.rest), pointNumbers: [] });
      (sections[sections.length - 1] as Section & { printed?: number }).printed = num.n;
      continue;
    }
    if (isPoint) {
      started = true;
      if (sectionLevel && sections.length === 0) {
        issue('warning', 'text-outside-point', `第 ${line.no} 行的要点出现在第一个部分之前，已归入第一部分。`, `Line ${line.no}: a point before the first section; placed in the first section.`, line.no);
        sections.push({ number: 1, numeral: '一', title: '', pointNumbers: [] });
      }
      if (!sectionLevel && sections.length === 0) sections.push({ number: 1, numeral: '一', title: '', pointNumbers: [] });
      rawPoints.push({ n: num.n, section: sections.length, text: withPlaceholder(num.rest), line: line.no });
      continue;
    }
    if (!started) {
      if (!title && i === 0 && !/[。；]$/.test(line.text)) title = withPlaceholder(line.text);
      else preamble.push(withPlaceholder(line.text));
      continue;
    }
    // Continuation: part of the current point (or the current section title if no point yet).
    const last = rawPoints[rawPoints.length - 1];
    if (last && last.section === sections.length) last.text += withPlaceholder(line.text);
    else {
      issue('warning', 'text-outside-point', `第 ${line.no} 行不属于任何要点：“${line.text.slice(0, 30)}”。`, `Line ${line.no} belongs to no work point: "${line.text.slice(0, 30)}".`, line.no);
    }
  }

  if (!sectionLevel) {
    issue('warning', 'no-sections', '未找到“一、”式的部分编号，全部要点归入一个部分。', 'No section numbering (一、) found; all points placed in one section.');
  }
  if (rawPoints.length === 0) {
    issue('error', 'no-points', '未找到编号的要点（如“1.”“（一）”）。请检查文本格式。', 'No numbered work points (1. or （一）) found. Check the text format.');
  }

  // Sections: numbering check and numerals.
  sections.forEach((s, i) => {
    const printed = (s as Section & { printed?: number }).printed ?? i + 1;
    delete (s as Section & { printed?: number }).printed;
    if (printed !== i + 1) {
      issue('warning', 'section-gap', `部分编号不连续：第 ${i + 1} 个部分编号为“${printed}”。`, `Section numbering: section ${i + 1} is numbered ${printed}.`);
    }
    s.numeral = intToChinese(i + 1);
  });

  // Point numbering: global 1..N, or restarting in every section (then numbered globally).
  const restarts = sections.length > 1 && sections.every((s) => {
    const first = rawPoints.find((p) => p.section === s.number);
    return !first || first.n === 1;
  });
  if (restarts) {
    issue('info', 'numbering-repeat', '各部分的要点编号各自从 1 开始，已按出现顺序统一编号。', 'Point numbers restart in each section; renumbered in order.');
    rawPoints.forEach((p, i) => (p.n = i + 1));
  } else {
    const seen = new Set<number>();
    let expected = 1;
    for (const p of rawPoints) {
      if (seen.has(p.n)) {
        issue('error', 'numbering-repeat', `第 ${p.line} 行：要点编号 ${p.n} 重复。`, `Line ${p.line}: point number ${p.n} repeats.`, p.line);
      } else if (p.n !== expected) {
        issue('warning', 'numbering-gap', `第 ${p.line} 行：要点编号应为 ${expected}，实为 ${p.n}。`, `Line ${p.line}: expected point ${expected}, found ${p.n}.`, p.line);
      }
      seen.add(p.n);
      expected = p.n + 1;
    }
  }

  // Committees, measures and responsibilities.
  const committees: Committee[] = [];
  const committeeId = (name: string): string => {
    let c = committees.find((x) => x.name === name);
    if (!c) {
      c = { id: `c${committees.length + 1}`, name, fullName: `${REGION_PLACEHOLDER}老科协${name}` };
      committees.push(c);
    }
    return c.id;
  };

  const points: WorkPoint[] = rawPoints.map((p) => {
    const sentences = splitSentences(p.text);
    const titleSentence = sentences[0] ?? p.text;
    const titleText = titleSentence.replace(/[。！？!?]$/, '');
    const measures: Measure[] = [];
    const ids: string[] = [];
    let pending: Measure[] = [];
    for (const s of sentences.slice(1)) {
      const m = CLAUSE.exec(s);
      if (m) {
        const names = committeeNamesOf(m[1]);
        const cids = names.map(committeeId);
        for (const id of cids) if (!ids.includes(id)) ids.push(id);
        for (const ms of pending) ms.committeeId = cids[0];
        pending = [];
        // A sentence that carries work before the clause keeps its work part as a measure.
        const before = s.slice(0, m.index).replace(/[，,；;]\s*$/, '').trim();
        if (before) measures.push({ index: measures.length + 1, text: before + '。', committeeId: cids[0] });
        continue;
      }
      const ms: Measure = { index: measures.length + 1, text: s, committeeId: null };
      measures.push(ms);
      pending.push(ms);
    }
    // Measures after the last clause of a point that names a committee belong to that last committee.
    if (pending.length && ids.length) for (const ms of pending) ms.committeeId = ids[ids.length - 1];
    const section = sections[p.section - 1];
    section.pointNumbers.push(p.n);
    return {
      number: p.n,
      section: p.section,
      title: titleText,
      text: p.text,
      measures,
      committeeIds: ids,
      responsibility: ids.length ? 'stated' : 'none',
    } as WorkPoint;
  });

  // Back-fill: a point without a clause is covered by the clause of a later point in the same section.
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p.committeeIds.length) continue;
    const later = points.slice(i + 1).find((q) => q.section === p.section && q.responsibility === 'stated');
    if (later) {
      const cid = later.committeeIds[0];
      p.committeeIds = [cid];
      p.responsibility = 'inherited';
      for (const m of p.measures) m.committeeId = cid;
    } else {
      const line = rawPoints[i].line;
      issue('info', 'point-without-committee', `要点 ${p.number}“${p.title}”未写明负责实施的专委会。`, `Point ${p.number} "${p.title}" names no responsible committee.`, line);
    }
  }

  // Key dates.
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

  const yearRe = /((?:19|20)\d{2})\s*年/;
  const yearMatch = yearRe.exec(toHalfWidthDigits(title)) ?? yearRe.exec(toHalfWidthDigits(preamble.join('')));
  const year = yearMatch ? +yearMatch[1] : options.year ?? null;
  if (year === null) issue('warning', 'no-year', '标题中没有年份，请在设置中填写计划年度。', 'The title names no year; set the plan year in settings.');

  const hash = sha256(
    JSON.stringify({
      sections: sections.map((s) => [s.number, s.title, s.pointNumbers]),
      points: points.map((p) => [p.number, p.section, p.text, p.committeeIds, p.measures.map((m) => m.committeeId)]),
      committees: committees.map((c) => [c.id, c.name]),
    }),
  ).slice(0, 16);

  return { title, year, preamble: preamble.join('\n'), sections, points, committees, keyDateRules, hash, issues };
}

export function intToChinese(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  return String(n);
}

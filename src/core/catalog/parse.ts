/**
 * Importer: the text of an official plan document (工作要点 / 方案 / 意见, bare or inside a 印发 notice) → Catalog.
 * Reads the title (joined over several lines; the wrapped document's own title for a notice), the numbering
 * 第一章 / 一、 / 第一条 / （一） / 1. 1、 / （1） / ① with full- or half-width punctuation and stray spaces, headings
 * on their own line or before the first 。, prose-only sections, and who is responsible (see responsibility.ts).
 * Every doubt is an import issue.
 */
import { sha256 } from '../util/sha256';
import type { Catalog, Committee, ImportIssue, Measure, Section, WorkPoint } from './types';
import { REGION_PLACEHOLDER } from './types';
import { LEVEL_LABEL, matchNumbered, rankOf, toHalfWidthDigits } from './numbering';
import type { Level } from './numbering';
import type { SourceLine } from './front';
import { isDateLine, readFront, yearOf, yearOfBody } from './front';
import { buildOutline, chooseStructure, headingOf, splitSentences } from './outline';
import type { OutlineNode } from './outline';
import { CLOSING_HEAD, findResponsibility, isUnitName, shortName } from './responsibility';
import { readResponsibilityList } from './responsibilityList';
import { keyDateRulesOf } from './keyDateRules';

export { splitSentences };

/** Replace the redacted organisation name `**` (or ＊＊) with the placeholder. */
function withPlaceholder(s: string): string {
  return s.replace(/[*＊]{2,}/g, REGION_PLACEHOLDER);
}

export interface ParseOptions {
  /** Plan year when the title does not name one. */
  year?: number;
}

interface RawPoint {
  n: number;
  section: number;
  node: OutlineNode;
  group?: string;
  /** The container the printed number counts in (section or group). */
  parent: object;
  /** Units named by the section or group heading ("一、加强党的建设（牵头单位：党委）"), for points that name none. */
  units?: string[];
}

const UNIT_BRACKET = /\s*[（(][^（()）]*(?:牵头|负责|单位|部门)[^（()）]*[)）]\s*$/;

/** A section or group heading without the units it names, and those units (from the heading or its text). */
function unitsOfHeading(title: string, body: string): { title: string; units?: string[] } {
  const inTitle = UNIT_BRACKET.test(title) ? findResponsibility(title) : null;
  if (inTitle) return { title: title.replace(UNIT_BRACKET, '').trim() || title, units: inTitle.names };
  const inBody = splitSentences(body).map((x) => findResponsibility(x)).find((f) => f && !f.rest);
  return inBody ? { title, units: inBody.names } : { title };
}

const END = /[。！？!?]$/;
/** An item about the document itself: its purpose, when it takes effect, who interprets it. */
const PROSE_ITEM = /^(?:为|根据|依据)[^。]*(?:制定|特制定|制订)本(?:意见|方案|办法|规定|细则|要点|计划)|^本(?:意见|方案|办法|规定|细则|要点|计划)[^。]*(?:施行|执行|解释|负责解释)/;
/** Headings of prose parts of a plan (what it is for and aims at), not of work. */
const PROSE_HEADING = /^(?:总体要求|指导思想|重要意义|基本原则|工作原则|主要原则|遵循原则|工作目标|主要目标|总体目标|发展目标|目标任务|总体思路|工作思路|基本思路|适用范围|编制依据|形势分析|面临形势|发展现状|现状与问题)$/;
const asSentence = (s: string) => (END.test(s) ? s : s.replace(/[；;，,、：:]+$/, '') + '。');

/** The sentences of a numbered sub-item (（1）, ①): a heading alone on its line leads its text with “：”. */
function itemSentences(item: OutlineNode): string[] {
  const h = headingOf(item);
  const text = h.alone && h.body && !END.test(item.head) ? `${h.title}：${h.body}` : item.head + item.lines.map((l) => l.text).join('');
  const out = splitSentences(text).map(asSentence);
  for (const sub of item.children) out.push(...itemSentences(sub));
  return out;
}

/** The sentences of a point: its own text, then those of its sub-items; a lead-in “…：” before them is left out. */
function pointSentences(node: OutlineNode, body: string): string[] {
  const own = splitSentences(body);
  const out = node.children.length && own.length && /[：:]$/.test(own[own.length - 1]) ? own.slice(0, -1) : own;
  for (const child of node.children) out.push(...itemSentences(child));
  return out;
}

export function parseCatalog(source: string, options: ParseOptions = {}): Catalog {
  const issues: ImportIssue[] = [];
  const issue = (severity: ImportIssue['severity'], code: ImportIssue['code'], zh: string, en: string, line?: number) =>
    issues.push({ severity, code, line, message: { zh, en } });

  const lines: SourceLine[] = [];
  let blank = false;
  source
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((t, i) => {
      const text = withPlaceholder(t.replace(/[\s\u3000\u00a0]+/g, ' ').trim());
      if (!text) blank = true;
      else {
        lines.push({ no: i + 1, text, blankBefore: blank });
        blank = false;
      }
    });

  // Front matter: the title (the wrapped document's for a notice), the notice and the preamble.
  const front = readFront(lines);
  const firstNumbered = front.bodyStart;
  if (front.notice) {
    issue('info', 'notice', `这是一份通知（“${front.notice}”）：以其所发的文件《${front.title}》为工作要点，通知部分作为前言保留。`,
      `A notice ("${front.notice}"): the document it hands out, "${front.title}", is read as the plan outline; the notice is kept as preamble.`, front.titleLine ?? undefined);
  }

  // A closing list of responsibilities (任务分工) and the signature at the end are not points.
  let body = lines.slice(firstNumbered);
  // Its heading stands unnumbered or as a section ("六、任务分工"), and units are named after it.
  const closingAt = body.findIndex((l, i) => {
    if (!CLOSING_HEAD.test(l.text)) return false;
    const num = matchNumbered(l.text);
    if (num && num.level !== 'cn' && num.level !== 'chapter') return false;
    return body.slice(i + 1).some((x) => x.text.split(/[\s：:—\-、，,；;（）()]+/).some(isUnitName));
  });
  const closing = closingAt >= 0 ? body.slice(closingAt) : [];
  if (closingAt >= 0) body = body.slice(0, closingAt);
  const tail: SourceLine[] = [];
  while (body.length && (isDateLine(body[body.length - 1].text) || (tail.length && isDateLine(tail[0].text) && body[body.length - 1].text.length <= 30 && !/[。；;，,]/.test(body[body.length - 1].text) && !matchNumbered(body[body.length - 1].text)))) {
    tail.unshift(body.pop()!);
  }
  if (tail.length) {
    const t = tail.map((l) => l.text).join(' ');
    issue('info', 'closing-lines', `文末落款“${t}”不计入要点。`, `The signature at the end ("${t}") is not part of any point.`, tail[0].no);
  }

  const roots = buildOutline(body);
  const structure = chooseStructure(roots);
  const sectionLevel = structure.section;
  const pointLevel = structure.point;
  if (structure.groups.length) {
    const g = structure.groups.map((l) => `“${LEVEL_LABEL[l]}”`).join('、');
    issue('info', 'point-level', `要点层级：以“${LEVEL_LABEL[pointLevel!]}”编号的条目为要点，${g}为分组标题（其下各条才是具体工作）。`,
      `Point level: items numbered "${LEVEL_LABEL[pointLevel!]}" are the work points; ${structure.groups.map((l) => `"${LEVEL_LABEL[l]}"`).join(', ')} are group headings over them.`);
  }

  const sections: (Section & { printed: number; prose: string[] })[] = [];
  const rawPoints: RawPoint[] = [];
  const ensureSection = (line: number) => {
    if (sections.length) return;
    if (sectionLevel) issue('warning', 'text-outside-point', `第 ${line} 行的要点出现在第一个部分之前，已归入第一部分。`, `Line ${line}: a point before the first section; placed in the first section.`, line);
    sections.push({ number: 1, numeral: '一', title: '', pointNumbers: [], printed: 1, prose: [] });
  };
  const hasPointBelow = (n: OutlineNode): boolean => n.children.some((c) => c.level === pointLevel || hasPointBelow(c));
  const isGroupLevel = (l: Level) => pointLevel !== null && rankOf(l) < rankOf(pointLevel) && l !== sectionLevel;

  const proseItems: number[] = [];
  const walk = (nodes: OutlineNode[], parent: object, group?: string, units?: string[]) => {
    for (const node of nodes) {
      if (node.level === sectionLevel && PROSE_HEADING.test(headingOf(node).title)) {
        // 总体要求 / 指导思想 / 基本原则 …: the whole section is prose, its numbered parts included.
        const h = headingOf(node);
        const s = { number: sections.length + 1, numeral: '', title: h.title, pointNumbers: [], printed: node.n, prose: [] as string[] };
        if (h.body) s.prose.push(h.body);
        s.prose.push(...node.children.map(function flat(c: OutlineNode): string {
          return [c.text + c.lines.map((l) => l.text).join(''), ...c.children.map(flat)].join('\n');
        }));
        sections.push(s);
      } else if (node.level === sectionLevel) {
        const h = headingOf(node);
        const u = unitsOfHeading(h.title, h.body);
        const s = { number: sections.length + 1, numeral: '', title: u.title, pointNumbers: [], printed: node.n, prose: [] as string[] };
        if (h.body) s.prose.push(h.body);
        sections.push(s);
        walk(node.children, s, undefined, u.units);
      } else if (isGroupLevel(node.level) && hasPointBelow(node)) {
        const h = headingOf(node);
        const u = unitsOfHeading(h.title, h.body);
        ensureSection(node.line);
        if (h.body) sections[sections.length - 1].prose.push(h.body);
        walk(node.children, node, u.title, u.units ?? units);
      } else if ((node.level === pointLevel || isGroupLevel(node.level)) && (PROSE_ITEM.test(node.head) || PROSE_HEADING.test(headingOf(node).title))) {
        // "第一条 为…，制定本意见。" / "本意见自印发之日起施行。": about the document, not work.
        ensureSection(node.line);
        sections[sections.length - 1].prose.push(node.head + node.lines.map((l) => l.text).join(''));
        proseItems.push(node.line);
      } else if (node.level === pointLevel || isGroupLevel(node.level)) {
        ensureSection(node.line);
        rawPoints.push({ n: node.n, section: sections.length, node, group, parent, units });
      } else {
        ensureSection(node.line);
        const text = node.head + node.lines.map((l) => l.text).join('');
        issue('warning', 'text-outside-point', `第 ${node.line} 行不属于任何要点：“${text.slice(0, 30)}”。`, `Line ${node.line} belongs to no work point: "${text.slice(0, 30)}".`, node.line);
        sections[sections.length - 1].prose.push(text);
      }
    }
  };
  walk(roots, roots);

  if (!sectionLevel && rawPoints.length) {
    // A document of articles (第一条 …) has no sections by nature: say so, but it is no fault.
    issue(pointLevel === 'article' ? 'info' : 'warning', 'no-sections', '未找到“一、”式的部分编号，全部要点归入一个部分。', 'No section numbering (一、) found; all points placed in one section.');
  }
  if (rawPoints.length === 0) {
    issue('error', 'no-points', '未找到编号的要点（如“1.”“（一）”）。请检查文本格式。', 'No numbered work points (1. or （一）) found. Check the text format.');
  }

  sections.forEach((s, i) => {
    if (s.printed !== i + 1) {
      issue('warning', 'section-gap', `部分编号不连续：第 ${i + 1} 个部分编号为“${s.printed}”。`, `Section numbering: section ${i + 1} is numbered ${s.printed}.`);
    }
    s.numeral = intToChinese(i + 1);
  });

  // Point numbering: global 1..N, or restarting in every section or group (then numbered in order).
  const containers = [...new Set(rawPoints.map((p) => p.parent))];
  const restarts = containers.length > 1 && containers.every((c) => rawPoints.find((p) => p.parent === c)!.n === 1);
  if (proseItems.length) {
    issue('info', 'prose-item', `第 ${proseItems.join('、')} 行是说明性条目（目的、指导思想、原则、目标、施行等），不作为要点；要点按出现顺序编号。`,
      `Line(s) ${proseItems.join(', ')} explain the document (purpose, guiding thought, principles, aims, entry into force); they are not work points; points are numbered in order.`, proseItems[0]);
    rawPoints.forEach((p, i) => (p.n = i + 1));
  } else if (restarts) {
    issue('info', 'numbering-repeat', '各部分的要点编号各自从 1 开始，已按出现顺序统一编号。', 'Point numbers restart in each section; renumbered in order.');
    rawPoints.forEach((p, i) => (p.n = i + 1));
  } else {
    const seen = new Set<number>();
    let expected = 1;
    for (const p of rawPoints) {
      const line = p.node.line;
      if (seen.has(p.n)) {
        issue('error', 'numbering-repeat', `第 ${line} 行：要点编号 ${p.n} 重复。`, `Line ${line}: point number ${p.n} repeats.`, line);
      } else if (p.n !== expected) {
        issue('warning', 'numbering-gap', `第 ${line} 行：要点编号应为 ${expected}，实为 ${p.n}。`, `Line ${line}: expected point ${expected}, found ${p.n}.`, line);
      }
      seen.add(p.n);
      expected = p.n + 1;
    }
  }

  // Committees, measures and responsibilities.
  const committees: Committee[] = [];
  const committeeId = (raw: string): string => {
    const name = shortName(raw);
    let c = committees.find((x) => x.name === name);
    if (!c) {
      c = { id: `c${committees.length + 1}`, name, fullName: raw.trim() !== name ? raw.trim() : name };
      committees.push(c);
    }
    return c.id;
  };
  /** Points whose responsibility is a 具体工作由… clause: these cover earlier points of their section. */
  const byClause = new Set<number>();

  const points: WorkPoint[] = rawPoints.map((p) => {
    const h = headingOf(p.node);
    let title = h.title;
    const measures: Measure[] = [];
    const ids: string[] = [];
    let pending: Measure[] = [];
    const assign = (names: string[]) => {
      const cids = names.map(committeeId);
      for (const id of cids) if (!ids.includes(id)) ids.push(id);
      for (const ms of pending) ms.committeeId = cids[0];
      pending = [];
      return cids[0];
    };
    // Responsibility in the heading: "（一）加强组织领导（牵头单位：秘书处）".
    const inTitle = findResponsibility(title);
    if (inTitle && !/具体工作由/.test(title)) {
      title = title.replace(/[（(][^（()）]*(?:牵头|负责|单位|部门)[^（()）]*[)）]\s*$/, '').trim() || title;
      assign(inTitle.names);
    }
    for (const s of pointSentences(p.node, h.body)) {
      const found = findResponsibility(s);
      if (found) {
        // "具体工作由…负责实施" and "以上两项由…负责" also cover the points before it in its section.
        if (/具体工作由|^(?:以上|上述)/.test(s)) byClause.add(p.n);
        const cid = assign(found.names);
        if (found.rest) measures.push({ index: measures.length + 1, text: found.rest, committeeId: cid });
        continue;
      }
      const ms: Measure = { index: measures.length + 1, text: s, committeeId: null };
      measures.push(ms);
      pending.push(ms);
    }
    // Measures after the last clause of a point that names a committee belong to that last committee.
    if (pending.length && ids.length) for (const ms of pending) ms.committeeId = ids[ids.length - 1];
    // Units named by the section or group heading cover the points that name none.
    if (!ids.length && p.units) assign(p.units);
    // A point that is one sentence ("第二条 建立会员档案。") is its own measure: there is work to do.
    if (!measures.length && title) measures.push({ index: 1, text: asSentence(title), committeeId: ids[0] ?? null });
    const text = h.alone && h.body ? `${p.node.head}\n${h.body}` : p.node.head + p.node.lines.map((l) => l.text).join('');
    const childText = p.node.children.map(function flat(c: OutlineNode): string {
      return [c.text + c.lines.map((l) => l.text).join(''), ...c.children.map(flat)].join('\n');
    });
    const point: WorkPoint = {
      number: p.n,
      section: p.section,
      title,
      text: childText.length ? [text, ...childText].join('\n') : text,
      measures,
      committeeIds: ids,
      responsibility: ids.length ? 'stated' : 'none',
    };
    if (p.group) point.group = p.group;
    sections[p.section - 1].pointNumbers.push(p.n);
    if (title.length > 40) {
      issue('warning', 'long-title', `要点 ${p.n} 的标题有 ${title.length} 字，可能把标题和正文连在了一起：“${title.slice(0, 30)}…”。`,
        `Point ${p.n}: the title has ${title.length} characters; heading and text may have been joined: "${title.slice(0, 30)}…".`, p.node.line);
      issues[issues.length - 1].point = p.n;
    }
    return point;
  });

  // A closing list of responsibilities names units for points that name none themselves.
  if (closing.length) {
    const listed = readResponsibilityList(closing, points);
    for (const { point, names } of listed.entries) {
      if (point.committeeIds.length) continue;
      const cids = names.map(committeeId);
      point.committeeIds = [...new Set(cids)];
      point.responsibility = 'listed';
      for (const m of point.measures) m.committeeId = cids[0];
    }
    issue('info', 'responsibility-list', `第 ${closing[0].no} 行起的任务分工已用于 ${listed.entries.length} 条要点的负责单位。`,
      `The list of responsibilities from line ${closing[0].no} names the units of ${listed.entries.length} points.`, closing[0].no);
    for (const l of listed.unmatched) {
      issue('warning', 'responsibility-list-unmatched', `任务分工第 ${l.no} 行“${l.text.slice(0, 30)}”对应不到要点或单位。`,
        `Line ${l.no} of the list of responsibilities matches no point or unit: "${l.text.slice(0, 30)}".`, l.no);
    }
  }

  // Back-fill: a point without a clause is covered by the 具体工作由… clause of a later point in the same section.
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (p.committeeIds.length) continue;
    const later = points.slice(i + 1).find((q) => q.section === p.section && q.responsibility === 'stated');
    if (later && byClause.has(later.number)) {
      const cid = later.committeeIds[0];
      p.committeeIds = [cid];
      p.responsibility = 'inherited';
      for (const m of p.measures) m.committeeId = cid;
    }
  }
  if (committees.length === 0 && points.length) {
    issue('info', 'no-responsibility', '全文没有写明任何负责单位（面向整个系统的文件）。请在设置的“要点负责专委会”（pointCommittees）中为各要点指定专委会。',
      'The document names no responsible unit at all (addressed to the whole system). Assign committees to the points in the settings (pointCommittees).');
  } else {
    points.forEach((p, i) => {
      if (p.committeeIds.length) return;
      issue('info', 'point-without-committee', `要点 ${p.number}“${p.title}”未写明负责实施的专委会。`, `Point ${p.number} "${p.title}" names no responsible committee.`, rawPoints[i].node.line);
      issues[issues.length - 1].point = p.number;
    });
  }

  const keyDateRules = keyDateRulesOf(points);

  // Year: the title (or the notice's), else the settings, else the body's dates.
  const title = front.title;
  let year = yearOf(title) ?? (front.notice ? yearOf(front.notice) : null) ?? options.year ?? null;
  if (year === null) {
    year = yearOfBody(toHalfWidthDigits([...front.preamble, ...lines.slice(firstNumbered).map((l) => l.text)].join('\n')));
    if (year !== null) issue('info', 'year-from-body', `标题中没有年份，按正文中的日期定为 ${year} 年；如不对请在设置中修改计划年度。`, `The title names no year; ${year} is taken from the dates in the text. Change the plan year in settings if wrong.`);
  }
  if (year === null) issue('warning', 'no-year', '标题中没有年份，请在设置中填写计划年度。', 'The title names no year; set the plan year in settings.');

  const outSections: Section[] = sections.map((s) => {
    const out: Section = { number: s.number, numeral: s.numeral, title: s.title, pointNumbers: s.pointNumbers };
    if (s.prose.length) out.text = s.prose.join('\n');
    return out;
  });
  const hash = catalogHash(outSections, points, committees);
  return {
    title, year, preamble: front.preamble.join('\n'), sections: outSections, points, committees, keyDateRules, hash, issues,
    structure: { section: sectionLevel && LEVEL_LABEL[sectionLevel], groups: structure.groups.map((l) => LEVEL_LABEL[l]), point: pointLevel && LEVEL_LABEL[pointLevel] },
  };
}

/** sha256 (first 16 hex) of sections, points and committees: what workbooks are made from. */
export function catalogHash(sections: Section[], points: WorkPoint[], committees: Committee[]): string {
  return sha256(
    JSON.stringify({
      sections: sections.map((s) => [s.number, s.title, s.pointNumbers]),
      points: points.map((p) => [p.number, p.section, p.text, p.committeeIds, p.measures.map((m) => m.committeeId)]),
      committees: committees.map((c) => [c.id, c.name]),
    }),
  ).slice(0, 16);
}

export function intToChinese(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  return String(n);
}

/**
 * The catalog of 要点 (work points) parsed from a 工作要点 (plan outline) text.
 * Plain data: JSON-serialisable, no behaviour.
 */

/** Placeholder that stands for the organisation's region name redacted as `**` in the source text. */
export const REGION_PLACEHOLDER = '{{region}}';

export interface Committee {
  /** Stable id, e.g. "c1". Ids follow first appearance in the text. */
  id: string;
  /** Name after the organisation prefix, e.g. "决策咨询专委会", "党委". */
  name: string;
  /** Full name with the region placeholder, e.g. "{{region}}老科协决策咨询专委会". */
  fullName: string;
}

/** 举措: one sentence of a work point. */
export interface Measure {
  /** 1-based index inside its point. */
  index: number;
  text: string;
  /** Id of the committee responsible for this measure, or null if none is named. */
  committeeId: string | null;
}

export type Responsibility =
  | 'stated' // the point names its committee itself
  | 'inherited' // covered by the clause of a later point in the same section
  | 'listed' // named in the closing list of responsibilities (任务分工)
  | 'assigned' // assigned by the secretariat in the settings (pointCommittees)
  | 'none'; // no committee anywhere (reported as info)

/** 要点: a numbered work point. */
export interface WorkPoint {
  /** 1-based number as printed (1..17 in 2023). */
  number: number;
  /** Section number (1-based) the point belongs to. */
  section: number;
  /** Short title: the words before the first 。 */
  title: string;
  /** Full text of the point, without the leading number, with the region placeholder. */
  text: string;
  measures: Measure[];
  /** Responsible committee ids, in order of appearance (deduplicated). */
  committeeIds: string[];
  responsibility: Responsibility;
  /** Heading of the level between section and point that groups this point, e.g. "加强组织建设" (absent when none). */
  group?: string;
}

/** 部分: a section 一 … 五. */
export interface Section {
  number: number;
  /** Chinese numeral as printed: 一, 二 … */
  numeral: string;
  title: string;
  pointNumbers: number[];
  /** Prose of the section that belongs to no point (指导思想, 总体要求…), absent when none. */
  text?: string;
}

/** A date named in the text: "5月30日" or "农历九月初九（重阳节）". */
export interface KeyDateRule {
  /** Stable id, e.g. "p15-m1-solar-5-30". */
  id: string;
  point: number;
  measureIndex: number;
  calendar: 'solar' | 'lunar';
  month: number;
  day: number;
  /** Text as found, e.g. "5月30日" or "农历九月初九（重阳节）". */
  label: string;
  /** What happens on that date, e.g. "全国科技工作者日" or "全国老科技工作者日". */
  event: string;
  committeeId: string | null;
}

/** A key date resolved to the plan year. */
export interface KeyDate extends KeyDateRule {
  /** ISO date yyyy-mm-dd in the Gregorian calendar. */
  date: string;
}

export type ImportIssueCode =
  | 'no-points'
  | 'no-sections'
  | 'numbering-gap'
  | 'numbering-repeat'
  | 'section-gap'
  | 'point-without-committee'
  | 'text-outside-point'
  | 'no-year'
  | 'year-from-body'
  | 'notice'
  | 'point-level'
  | 'prose-item'
  | 'long-title'
  | 'no-responsibility'
  | 'responsibility-list'
  | 'responsibility-list-unmatched'
  | 'closing-lines';

export interface ImportIssue {
  severity: 'error' | 'warning' | 'info';
  code: ImportIssueCode;
  /** 1-based line of the source text, when known. */
  line?: number;
  /** The work point the issue is about, when it is about one. */
  point?: number;
  message: { zh: string; en: string };
}

export interface Catalog {
  /** Title line, e.g. "{{region}}老科协2023年工作要点" (may be empty). */
  title: string;
  /** Plan year found in the title (else the body's dates, else the settings), or null. */
  year: number | null;
  preamble: string;
  sections: Section[];
  points: WorkPoint[];
  committees: Committee[];
  keyDateRules: KeyDateRule[];
  /** sha256 (hex, first 16 chars) of the normalised content: sections, points, committees. */
  hash: string;
  issues: ImportIssue[];
  /** Numbering read as section, groups and point, e.g. { section: "一、", groups: ["（一）"], point: "1." } (absent in old catalogs). */
  structure?: { section: string | null; groups: string[]; point: string | null };
}

/**
 * What a secretariat checks before using an imported outline, in one plain structure shared by
 * `plan-budget catalog import` (text and --json) and the page's 工作要点 panel: sections (with their prose),
 * points with their committees and measures, and every doubt the importer had, next to its point.
 */
import type { Catalog, ImportIssue, Responsibility } from './types';
import { REGION_PLACEHOLDER } from './types';

export interface PreviewMeasure {
  index: number;
  text: string;
  committee: string | null;
}

export interface PreviewPoint {
  number: number;
  title: string;
  group?: string;
  committees: string[];
  responsibility: Responsibility;
  measures: PreviewMeasure[];
  doubts: ImportIssue[];
}

export interface PreviewSection {
  numeral: string;
  title: string;
  /** Prose of the section (指导思想, 总体要求…), when it has some. */
  text?: string;
  points: PreviewPoint[];
}

export interface CatalogPreview {
  title: string;
  year: number | null;
  hash: string;
  /** How the numbering was read, e.g. { section: "一、", groups: ["（一）"], point: "1." }. */
  structure: { section: string | null; groups: string[]; point: string | null } | null;
  preamble: string;
  counts: { sections: number; points: number; committees: number; measures: number; doubts: number };
  committees: { id: string; name: string }[];
  sections: PreviewSection[];
  /** Doubts about the document as a whole (title, year, numbering, responsibility). */
  doubts: ImportIssue[];
}

export function catalogPreview(c: Catalog, region = ''): CatalogPreview {
  const fill = (s: string) => s.split(REGION_PLACEHOLDER).join(region);
  const name = (id: string | null) => (id === null ? null : c.committees.find((x) => x.id === id)?.name ?? id);
  const sections: PreviewSection[] = c.sections.map((s) => {
    const out: PreviewSection = {
      numeral: s.numeral,
      title: fill(s.title),
      points: s.pointNumbers.map((n) => c.points.find((p) => p.number === n)).filter((p) => p !== undefined).map((p) => {
        const pt: PreviewPoint = {
          number: p.number,
          title: fill(p.title),
          committees: p.committeeIds.map((id) => name(id) ?? id),
          responsibility: p.responsibility,
          measures: p.measures.map((m) => ({ index: m.index, text: fill(m.text), committee: name(m.committeeId) })),
          doubts: c.issues.filter((i) => i.point === p.number),
        };
        if (p.group) pt.group = fill(p.group);
        return pt;
      }),
    };
    if (s.text) out.text = fill(s.text);
    return out;
  });
  const doubts = c.issues.filter((i) => i.point === undefined);
  return {
    title: fill(c.title),
    year: c.year,
    hash: c.hash,
    structure: c.structure ?? null,
    preamble: fill(c.preamble),
    counts: {
      sections: c.sections.length, points: c.points.length, committees: c.committees.length,
      measures: c.points.reduce((a, p) => a + p.measures.length, 0), doubts: c.issues.length,
    },
    committees: c.committees.map((x) => ({ id: x.id, name: x.name })),
    sections,
    doubts,
  };
}

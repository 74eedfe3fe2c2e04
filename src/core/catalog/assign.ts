/**
 * Committees the secretariat assigns to points (settings `pointCommittees`), for outlines that name no unit
 * (a document addressed to the whole system) or to correct what the importer read.
 */
import type { Catalog, Committee } from './types';
import { catalogHash } from './parse';

/** Point number (as text, "3") → committee names (or ids), lead committee first. */
export type PointCommittees = Record<string, string[]>;

export class AssignError extends Error {
  constructor(public readonly zh: string, public readonly en: string) {
    super(`${zh} (${en})`);
  }
}

/** The catalog with the assigned committees; points not in the map keep what the text said. */
export function withPointCommittees(catalog: Catalog, assigned: PointCommittees | undefined): Catalog {
  const entries = Object.entries(assigned ?? {}).filter(([, names]) => names.some((n) => n.trim()));
  if (!entries.length) return catalog;
  const committees: Committee[] = catalog.committees.map((c) => ({ ...c }));
  const idOf = (raw: string): string => {
    const name = raw.trim();
    const c = committees.find((x) => x.id === name || x.name === name || x.fullName === name);
    if (c) return c.id;
    let n = committees.length + 1;
    while (committees.some((x) => x.id === `c${n}`)) n++;
    committees.push({ id: `c${n}`, name, fullName: name });
    return `c${n}`;
  };
  const points = catalog.points.map((p) => ({ ...p, measures: p.measures.map((m) => ({ ...m })) }));
  const done = new Set<number>();
  for (const [key, names] of entries) {
    const point = points.find((p) => String(p.number) === key.trim());
    if (!point) {
      throw new AssignError(`要点负责专委会中的要点“${key}”不在工作要点中（共 ${points.length} 条）`, `point "${key}" in pointCommittees is not in the outline (${points.length} points)`);
    }
    const ids = [...new Set(names.filter((n) => n.trim()).map(idOf))];
    point.committeeIds = ids;
    point.responsibility = 'assigned';
    for (const m of point.measures) m.committeeId = ids[0];
    done.add(point.number);
  }
  const unassigned = points.some((p) => !p.committeeIds.length);
  const issues = catalog.issues.filter((i) => {
    if (i.code === 'no-responsibility') return unassigned;
    if (i.code === 'point-without-committee') return i.point === undefined || !done.has(i.point);
    return true;
  });
  return { ...catalog, committees, points, issues, hash: catalogHash(catalog.sections, points, committees) };
}

/** The catalog with the committees the secretariat assigned (settings pointCommittees); assignments to points it lacks are ignored. */
import { withPointCommittees } from '../core/catalog/assign';
import type { Catalog } from '../core/catalog/types';

export function withAssigned(catalog: Catalog, assigned: Record<string, string[]> | undefined): Catalog {
  if (!assigned) return catalog;
  const known = Object.fromEntries(Object.entries(assigned).filter(([k, v]) => v.length && catalog.points.some((p) => String(p.number) === k)));
  return withPointCommittees(catalog, known);
}

export * from './types';
export { parseCatalog, splitSentences } from './parse';
export { resolveKeyDates, lunarToIso } from './keyDates';
export { PLAN_OUTLINE_2023 } from './seed2023';
import { parseCatalog } from './parse';
import { PLAN_OUTLINE_2023 } from './seed2023';
import type { Catalog, Committee } from './types';
import { REGION_PLACEHOLDER } from './types';

/** The catalog of the built-in 2023 plan outline. */
export function defaultCatalog(): Catalog {
  return parseCatalog(PLAN_OUTLINE_2023);
}

/** Fill the region placeholder: "{{region}}老科协党委" → "江苏省老科协党委". */
export function fillRegion(text: string, region: string): string {
  return text.split(REGION_PLACEHOLDER).join(region);
}

/**
 * Whether the outline has the region placeholder (“**” in the text, {{region}} in the catalog) in
 * anything written into workbooks: its title, sections, points, measures or committees. Then a
 * region must be set before generating: nothing invents one.
 */
export function needsRegion(catalog: Pick<Catalog, 'title' | 'sections' | 'points' | 'committees'>): boolean {
  return JSON.stringify([catalog.title, catalog.sections, catalog.points, catalog.committees]).includes(REGION_PLACEHOLDER);
}

export function committeeById(catalog: Catalog, id: string | null | undefined): Committee | undefined {
  return id ? catalog.committees.find((c) => c.id === id) : undefined;
}
export { withPointCommittees, AssignError } from './assign';
export type { PointCommittees } from './assign';
export { catalogPreview } from './preview';
export type { CatalogPreview, PreviewSection, PreviewPoint, PreviewMeasure } from './preview';

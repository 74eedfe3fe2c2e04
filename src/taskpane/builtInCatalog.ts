/**
 * The built-in 2023 outline's catalog without parsing it: the production and development builds
 * carry it as JSON text, parsed from the outline at build time (webpack.config.js
 * __PB_DEFAULT_CATALOG__), so the page starts without running the outline parser. Only a webpack
 * build runs the page (tests render App with a catalog of their own).
 */
import type { Catalog } from '../core/catalog/types';

declare const __PB_DEFAULT_CATALOG__: string | undefined;

export function builtInCatalog(): Catalog {
  if (typeof __PB_DEFAULT_CATALOG__ !== 'string') throw new Error('built without __PB_DEFAULT_CATALOG__ (webpack.config.js)');
  return JSON.parse(__PB_DEFAULT_CATALOG__) as Catalog;
}

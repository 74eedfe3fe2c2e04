/**
 * The task pane starts from the catalog webpack parses at build time (webpack.config.js
 * defaultCatalogJson → __PB_DEFAULT_CATALOG__): it must be the catalog the outline parser gives now.
 */
import { defaultCatalog } from '../../src/core/catalog';

test('the build-time catalog is defaultCatalog(), through JSON', () => {
  const { defaultCatalogJson } = require('../../webpack.config.js') as { defaultCatalogJson: () => string };
  const built = JSON.parse(defaultCatalogJson());
  expect(built.points.length).toBeGreaterThan(10);
  expect(built).toEqual(JSON.parse(JSON.stringify(defaultCatalog())));
});

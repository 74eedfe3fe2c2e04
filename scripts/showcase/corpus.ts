/** Writes filled committee workbooks (all but the last committee; one over its ceiling) into a folder, for scripts/showcase.sh. */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { fixtureCatalog, fixtureSettings, goodWorkbook } from '../../tests/helpers/committeeFixtures';

void (async () => {
  const out = process.argv[2];
  const catalog = fixtureCatalog();
  const settings = fixtureSettings(catalog);
  mkdirSync(out, { recursive: true });
  for (const c of catalog.committees.slice(0, -1)) {
    const { bytes } = await goodWorkbook(catalog, settings, c.id);
    writeFileSync(join(out, `${settings.year}年工作计划-${c.name}.xlsx`), bytes);
  }
})();

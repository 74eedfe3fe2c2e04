/**
 * What checking memoises per catalog and settings (similarity index, task scorer, point lookups,
 * measure tables, key dates) gives the same findings and measure hints as a fresh process, whatever
 * was checked before, warmed up or not, and is never shared between two catalogs.
 */
import { buildFixture } from '../../../bench/validateFixture';
import { withPointCommittees } from '../../../src/core/catalog/assign';
import type { Catalog } from '../../../src/core/catalog/types';
import type { RawSubmission, Settings } from '../../../src/core/plan/types';

type Core = {
  check: typeof import('../../../src/core/validate').checkSubmission;
  hints: typeof import('../../../src/core/consolidate').measureHints;
  warmUp: typeof import('../../../src/core/consolidate/input').warmUpChecks;
};

/** The core's modules as a fresh process has them (no memo filled). */
function freshCore(): Core {
  let core: Core | undefined;
  jest.isolateModules(() => {
    core = {
      check: require('../../../src/core/validate').checkSubmission,
      hints: require('../../../src/core/consolidate').measureHints,
      warmUp: require('../../../src/core/consolidate/input').warmUpChecks,
    };
  });
  return core!;
}

/** Findings and measure hints, as JSON (every field compared, order included). */
function outcome(core: Core, raw: RawSubmission, catalog: Catalog, settings: Settings): string {
  const { submission, findings } = core.check(raw, catalog, settings);
  return JSON.stringify({ findings, hints: core.hints(submission, catalog) });
}

// The dirty fixture: dates in every form, unknown and missing points, other committees' tasks, point 15's measures.
const { raw, catalog: catalogA, settings: settingsA } = buildFixture(400, true);
// Another catalog of the same outline: point 15 and 3 assigned to other committees (other committee and coverage findings).
const catalogB = withPointCommittees(catalogA, { '15': ['组织建设与服务专委会'], '3': ['人才与宣传工作专委会', '组织建设与服务专委会'] });
// Other settings: another year (key dates, date findings).
const settingsB: Settings = { ...settingsA, year: settingsA.year + 1 };

describe('memoised check indexes', () => {
  const cases: [string, Catalog, Settings][] = [
    ['catalog A', catalogA, settingsA],
    ['catalog B', catalogB, settingsA],
    ['catalog A, next year', catalogA, settingsB],
  ];
  const want = new Map(cases.map(([name, c, s]) => [name, outcome(freshCore(), raw, c, s)]));

  test('the cases differ (the test could catch a shared index)', () => {
    expect(new Set(want.values()).size).toBe(cases.length);
  });

  test('one process checking against two catalogs and two years in turn gives what fresh processes give', () => {
    const core = freshCore();
    for (const round of [0, 1])
      for (const [name, c, s] of round ? [...cases].reverse() : cases) expect([name, outcome(core, raw, c, s)]).toEqual([name, want.get(name)]);
  });

  test('after warmUpChecks (of another catalog, then of its own), the same findings and hints', () => {
    const core = freshCore();
    core.warmUp(catalogB, settingsB);
    expect(outcome(core, raw, catalogA, settingsA)).toBe(want.get('catalog A'));
    core.warmUp(catalogB, settingsA);
    expect(outcome(core, raw, catalogB, settingsA)).toBe(want.get('catalog B'));
  });
});

/**
 * The named hostile workbooks of issue 14, each built from a good generated submission, with what
 * reading it must give: a refusal with its code (and the limit named), or a normal read with a
 * finding. Used by tests/hosts/xlsx/hostile.test.ts, tests/fuzz and bench/hostile.ts.
 */
import type { Catalog } from '../../src/core/catalog/types';
import type { Settings } from '../../src/core/plan/types';
import { SHEET_NAMES } from '../../src/core/sheets/columns';
import { generated, goodFill } from './committeeFixtures';
import { fillWorkbookDetailed } from './fillWorkbook';
import { bigMerge, entityDeclaration, manyRows, refBeyondGrid, zipBomb } from './hostileFiles';

export interface HostileCase {
  name: string;
  /** The crafted bytes, from a good submission's bytes (and the fixtures, for cases filled by code). */
  build: (good: Uint8Array, catalog: Catalog, settings: Settings) => Uint8Array | Promise<Uint8Array>;
  /** Refusal code and limit named, or a finding code of a normal read. */
  expect: { refused: string; limit?: string } | { finding: string };
  /** Slow to build or read (only in the full run). */
  slow?: boolean;
}

const T = SHEET_NAMES.tasks;

export const HOSTILE_CASES: HostileCase[] = [
  { name: 'ref A1048577 (beyond the grid)', build: (g) => refBeyondGrid(g, T, 'A1048577'), expect: { refused: 'file.limit', limit: '工作表行数' } },
  { name: 'ref ZZZZZZ5', build: (g) => refBeyondGrid(g, T, 'ZZZZZZ5'), expect: { refused: 'file.limit', limit: '工作表列数' } },
  { name: 'ref A99999999', build: (g) => refBeyondGrid(g, T, 'A99999999'), expect: { refused: 'file.limit', limit: '工作表行数' } },
  { name: 'ref A4294967295', build: (g) => refBeyondGrid(g, T, 'A4294967295'), expect: { refused: 'file.limit', limit: '工作表行数' } },
  { name: 'merge A1:XFD1048576', build: (g) => bigMerge(g, T, 'A1:XFD1048576'), expect: { finding: 'read.header.missing' } },
  { name: 'zip bomb 400 MB sheet', build: (g) => zipBomb(g, T, 400e6), expect: { refused: 'file.limit', limit: '单个部件解压后大小' } },
  { name: 'zip bomb 3.5 GB sheet', build: (g) => zipBomb(g, T, 3.5e9), expect: { refused: 'file.limit', limit: '单个部件解压后大小' } },
  { name: 'zip bomb 3.5 GB, size declared 30 KB', build: (g) => zipBomb(g, T, 3.5e9, { declaredSize: 30_000 }), expect: { refused: 'file.limit', limit: '单个部件解压后大小' } },
  { name: 'entity declaration (workbook.xml)', build: (g) => entityDeclaration(g, 'xl/workbook.xml'), expect: { refused: 'file.dtd' } },
  { name: 'billion laughs (sharedStrings.xml)', build: (g) => entityDeclaration(g, 'xl/sharedStrings.xml', true), expect: { refused: 'file.dtd' } },
  {
    name: 'amounts 1e308',
    build: async (_g, catalog, settings) => {
      const fill = goodFill(catalog, 'c2');
      fill.input.budget![0].amount = 1e308;
      fill.input.budget![1].amount = 1e308;
      return (await fillWorkbookDetailed(await generated(catalog, settings, 'c2'), fill.input)).bytes;
    },
    expect: { finding: 'amount.outOfRange' },
  },
  {
    name: '40,000-character cell',
    build: async (_g, catalog, settings) => {
      const fill = goodFill(catalog, 'c2');
      fill.input.tasks![0].kpi = '长'.repeat(40_000);
      return (await fillWorkbookDetailed(await generated(catalog, settings, 'c2'), fill.input)).bytes;
    },
    expect: { finding: 'read.cell.tooLong' },
  },
  { name: '1,000,000 task rows', build: (g) => manyRows(g, T, 1_000_000, 60), expect: { refused: 'file.limit', limit: '工作表行数' }, slow: true },
];

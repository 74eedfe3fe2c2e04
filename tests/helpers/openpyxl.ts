/**
 * Python for tests (/usr/bin/python3 with openpyxl and pandas): fill a workbook as a script does
 * (openpyxl: every formula saved without its value), and an independent budget computation by pandas.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export const PYTHON = process.env.PYTHON_WITH_PANDAS ?? '/usr/bin/python3';

export function hasPandas(): boolean {
  if (!existsSync(PYTHON)) return false;
  try {
    execFileSync(PYTHON, ['-c', 'import openpyxl, pandas'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export type CellInput = string | number | null;
/** Rows to write, by sheet name: worksheet row and values by stable column key (text "=…" is a formula to openpyxl). */
export type OpenpyxlEdits = Record<string, { row: number; values: Record<string, CellInput> }[]>;

const FILL = join(__dirname, '..', 'fixtures-gen', 'openpyxl_fill.py');

/** Load `inPath` with openpyxl, write the values, save to `outPath` (tests/fixtures-gen/openpyxl_fill.py). */
export function openpyxlFill(inPath: string, outPath: string, sheets: OpenpyxlEdits): void {
  const dir = mkdtempSync(join(tmpdir(), 'openpyxl-'));
  try {
    const writes = Object.entries(sheets).flatMap(([sheet, rows]) =>
      rows.flatMap((r) => Object.entries(r.values).map(([key, v]) => ({ sheet, row: r.row, key, value: v === null ? null : typeof v === 'number' ? { n: v } : { s: v } }))),
    );
    const jobs = join(dir, 'jobs.json');
    writeFileSync(jobs, JSON.stringify({ jobs: [{ in: inPath, out: outPath, modified: null, writes }] }));
    execFileSync(PYTHON, [FILL, jobs], { stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface PandasBudget {
  /** [worksheet row, task code, amount or null] per budget line. */
  lines: [number, string | null, number | null][];
  byTask: Record<string, number>;
  total: number;
}

/** 预算明细 of the file as pandas computes it (tests/helpers/pandas_budget.py), leaving out `skipRows`. */
export function pandasBudget(path: string, skipRows: number[] = []): PandasBudget {
  const out = execFileSync(PYTHON, [join(__dirname, 'pandas_budget.py'), path, ...skipRows.map(String)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(out) as PandasBudget;
}

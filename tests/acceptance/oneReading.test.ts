/**
 * Issue 10, item 7 — one file, one reading: the CLI's reader (the one `plan-budget consolidate` runs
 * per file) and the add-in's reader (the task pane's Office host reading the live workbook through
 * the Office.js fake, seeded with the cell grid Excel shows for the same file) give the same tasks,
 * budget lines, milestones and totals. A subset of the acceptance corpus, one file per way of saving:
 * excelts (formula values cached), openpyxl (formula values empty — in Excel they are calculated on
 * opening, so the grid is that of the recalculated copy), LibreOffice re-save.
 * The browser page's file mode is the third host: tests/e2e/oneReading.e2e.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readInput } from '../../src/cli/commands/consolidate.read';
import { createOfficeWorkbook } from '../../src/hosts/office';
import { createOfficeHost } from '../../src/taskpane/host';
import type { HostDeps } from '../../src/taskpane/host';
import { engine } from '../../src/taskpane/engine/impl';
import { SHEET_NAMES } from '../../src/core/sheets/columns';
import { buildAcceptanceCorpus, DEFAULT_FILES, ONE_READING_FILES } from '../helpers/acceptanceCorpus';
import type { CorpusRecord } from '../helpers/acceptanceCorpus';
import { fixtureCatalog, fixtureSettings } from '../helpers/committeeFixtures';
import { excelValues } from '../helpers/excelValues';
import { hasLibreOffice } from '../helpers/libreoffice';
import { normalisedSubmission } from '../helpers/normalisedSubmission';
import type { NormalisedSubmission } from '../helpers/normalisedSubmission';
import { FakeExcel } from '../office/fakeExcel';

jest.setTimeout(120_000);


const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog, { ceilings: {} });
const dir = mkdtempSync(join(tmpdir(), 'pb-one-reading-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let record: CorpusRecord;
const cli = new Map<string, NormalisedSubmission>();
const office = new Map<string, NormalisedSubmission>();

/** The add-in reading the live workbook: Office host → Office.js (fake) → the engine's grid reader → checkSubmission. */
async function readInExcel(grids: Record<string, (string | number | boolean)[][]>): Promise<NormalisedSubmission> {
  const fake = new FakeExcel();
  for (const [name, values] of Object.entries(grids)) fake.seed(name, values);
  const deps: HostDeps = { loadEngine: async () => engine, loadXlsx: () => Promise.reject(new Error('the Office host reads no file')), download: () => undefined };
  const host = createOfficeHost(deps, createOfficeWorkbook(fake.run, fake.isSetSupported), async () => new Uint8Array());
  const raw = await host.readThisWorkbook!();
  return normalisedSubmission(engine.checkSubmission(raw, catalog, settings).submission);
}

beforeAll(async () => {
  if (!hasLibreOffice()) throw new Error('LibreOffice (soffice) is required: apt-get install libreoffice-calc-nogui');
  record = await buildAcceptanceCorpus({ dir, files: DEFAULT_FILES.filter((f) => ONE_READING_FILES.includes(f.name)), excelViews: ONE_READING_FILES });
  const sheets = [SHEET_NAMES.tasks, SHEET_NAMES.budget, SHEET_NAMES.milestones, SHEET_NAMES.meta, SHEET_NAMES.guide];
  for (const f of record.files) {
    const { input } = await readInput(f.path, f.name, catalog, settings);
    if (input.outcome.kind !== 'checked') throw new Error(`${f.name} refused: ${input.outcome.finding.message.zh}`);
    cli.set(f.name, normalisedSubmission(input.outcome.submission));
    office.set(f.name, await readInExcel(await excelValues(new Uint8Array(readFileSync(f.excelView!)), sheets)));
  }
});

describe('one file, one reading: the CLI reader and the add-in reader (Office.js fake)', () => {
  test('the subset has one file per way of saving', () => {
    expect(new Set(record.files.map((f) => f.savedBy))).toEqual(new Set(['excelts', 'openpyxl', 'excelts+libreoffice', 'openpyxl+libreoffice']));
  });

  test.each(ONE_READING_FILES)('%s: the same tasks', (name) => {
    expect(office.get(name)!.tasks).toEqual(cli.get(name)!.tasks);
  });

  test.each(ONE_READING_FILES)('%s: the same budget lines', (name) => {
    const a = cli.get(name)!.lines;
    const b = office.get(name)!.lines;
    // Rows that differ, side by side (a whole-array diff of 100 lines hides them).
    const rows = [...new Set([...a, ...b].map((l) => l.row))].sort((x, y) => x - y);
    const differ = rows
      .map((row) => ({ row, cli: a.find((l) => l.row === row) ?? null, office: b.find((l) => l.row === row) ?? null }))
      .filter((d) => JSON.stringify(d.cli) !== JSON.stringify(d.office));
    expect({ differing: differ.length, first: differ.slice(0, 3) }).toEqual({ differing: 0, first: [] });
  });

  test.each(ONE_READING_FILES)('%s: the same milestones', (name) => {
    expect(office.get(name)!.milestones).toEqual(cli.get(name)!.milestones);
  });

  test.each(ONE_READING_FILES)('%s: the same totals', (name) => {
    expect(office.get(name)!.totals).toEqual(cli.get(name)!.totals);
  });
});

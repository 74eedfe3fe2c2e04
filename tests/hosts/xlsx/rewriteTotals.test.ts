/**
 * 全部规范化写法 on an amount typed as "5万元", end to end on a real file: LibreOffice recalculates
 * the filled workbook (so 预算合计 holds what a spreadsheet shows: SUMIF skips the text, 0), the
 * check reports the amount but does not blame a hand-typed total; after the bulk rewrite is patched
 * into a copy (no spreadsheet recalculates it) the finding is gone and the stale cached total is
 * not compared either, because the patch records recalcPending in _meta.
 */
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { SHEET_NAMES } from '../../../src/core/sheets/columns';
import { checkSubmission } from '../../../src/core/validate';
import { RECALC_PENDING_ENTRIES, rewriteFixes } from '../../../src/core/validate/fixes';
import { readWorkbook } from '../../../src/hosts/xlsx';
import { patchWorkbook } from '../../../src/hosts/xlsx/patch';
import { fixtureCatalog, fixtureSettings, goodFill, generated } from '../../helpers/committeeFixtures';
import { fillWorkbook } from '../../helpers/fillWorkbook';
import { hasLibreOffice, libreofficeConvert } from '../../helpers/libreoffice';

jest.setTimeout(240_000);

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const dir = mkdtempSync(join(tmpdir(), 'pb-rewrite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = hasLibreOffice() ? test : test.skip;

async function check(bytes: Uint8Array) {
  const r = await readWorkbook(bytes, 'c2.xlsx');
  if (!r.raw) throw new Error('refused');
  return { raw: r.raw, findings: checkSubmission(r.raw, catalog, settings).findings };
}

run('an amount typed as 5万元: no blame on 预算合计 before, nothing left after 全部规范化写法', async () => {
  const good = goodFill(catalog, 'c2');
  const code = good.confirmed[0].code;
  const budget = good.input.budget!.map((l, i) => (i === 0 ? { ...l, unitPrice: null, quantity: null, times: null, amount: '5万元' } : l));
  const filled = join(dir, 'c2.xlsx');
  writeFileSync(filled, await fillWorkbook(await generated(catalog, settings, 'c2'), { ...good.input, budget }));
  const [recalculated] = await libreofficeConvert([filled], { outDir: join(dir, 'lo') });

  const before = await check(new Uint8Array(readFileSync(recalculated)));
  const task = before.raw.tasks.find((t) => t.cells.code === code)!;
  expect(task.cells.budgetTotal).toBe(0); // what the spreadsheet shows: SUMIF skips the text
  expect(before.findings.filter((f) => f.code === 'amount.reformatted').map((f) => f.raw)).toEqual(['5万元']);
  expect(before.findings.filter((f) => f.code === 'task.total.mismatch')).toEqual([]);

  const fixes = rewriteFixes(before.findings);
  expect(fixes.map((f) => f.value)).toEqual([5]);
  const cells = fixes.map(({ sheet, address, value }) => ({ sheet, address, value }));
  const bytes = new Uint8Array(readFileSync(recalculated));

  // Patched without the _meta note, the copy's cached 预算合计 (0) no longer matches its lines (5).
  const bare = await check(await patchWorkbook(bytes, { cells }));
  expect(bare.findings.filter((f) => f.code === 'task.total.mismatch').length).toBe(1);

  const after = await check(await patchWorkbook(bytes, { cells, keyValues: { sheet: SHEET_NAMES.meta, entries: { ...RECALC_PENDING_ENTRIES } } }));
  expect(after.raw.meta.recalcPending).toBe('1');
  expect(after.findings.filter((f) => f.code === 'amount.reformatted' || f.code === 'task.total.mismatch')).toEqual([]);
  expect(after.findings.filter((f) => f.severity !== 'info')).toEqual([]);
});

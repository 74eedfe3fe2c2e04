/**
 * A committee sends two files: the latest resubmission wins by time, not by file name (issue 10
 * item 3). The files are made as clerks make them: generated, filled and saved (excelts keeps the
 * generation time in docProps/core.xml), then one saved again 20 days later — its core.xml
 * `dcterms:modified` moves, as Excel, WPS and LibreOffice write it on every save (rewritten here in
 * the zip by Python's zipfile, every other part byte for byte) — under a name that sorts first
 * ("决策咨询-v2.xlsx" < "决策咨询.xlsx"). Read through the CLI's reader (fs mtime), in process and in
 * worker threads; the summary's 封面 roster (报送情况) says which file won and why.
 */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Workbook } from '@cj-tech-master/excelts';
import { consolidateFiles } from '../../src/cli/commands/consolidate';
import { readWorkbook } from '../../src/hosts/xlsx';
import { sheetGrid } from '../../src/hosts/xlsx/read';
import { patchWorkbook } from '../../src/hosts/xlsx/patch';
import { fixtureCatalog, fixtureSettings, generated, goodFill, GENERATED_AT } from '../helpers/committeeFixtures';
import { fillWorkbookDetailed } from '../helpers/fillWorkbook';

jest.setTimeout(120_000);

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const dir = mkdtempSync(join(tmpdir(), 'pb-resubmission-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rewrite a zip's docProps/core.xml dcterms:modified (or drop the part and its references when `modified` is null). */
const REWRITE = `
import re, sys, zipfile
src, dst, modified = sys.argv[1], sys.argv[2], sys.argv[3]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == 'docProps/core.xml':
            if not modified:
                continue
            data = re.sub(rb'(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)', lambda m: m.group(1) + modified.encode() + m.group(2), data)
        elif not modified and item.filename == '_rels/.rels':
            data = re.sub(rb'<Relationship [^>]*core-properties[^>]*/>', b'', data)
        elif not modified and item.filename == '[Content_Types].xml':
            data = re.sub(rb'<Override [^>]*/docProps/core.xml[^>]*/>', b'', data)
        zout.writestr(item, data)
`;
function resave(bytes: Uint8Array, modified: string | null): Uint8Array {
  const src = join(dir, `src-${Math.random().toString(36).slice(2)}.xlsx`);
  const dst = `${src}.out.xlsx`;
  writeFileSync(src, bytes);
  execFileSync('/usr/bin/python3', ['-c', REWRITE, src, dst, modified ?? '']);
  const out = new Uint8Array(readFileSync(dst));
  rmSync(src);
  rmSync(dst);
  return out;
}

const DAY = 24 * 3600 * 1000;
/** 20 days after the generation time: 2023-01-25T08:00:00Z = 2023-01-25 16:00（北京时间）. */
const LATER = new Date(Date.parse(GENERATED_AT) + 20 * DAY).toISOString().replace('.000Z', 'Z');

let original: Uint8Array; // generated + filled: core.xml modified = generation time
let v2: Uint8Array; // one more budget line, saved 20 days later
let originalTotal = 0;

beforeAll(async () => {
  const fill = goodFill(catalog, 'c2');
  original = (await fillWorkbookDetailed(await generated(catalog, settings, 'c2'), fill.input)).bytes;
  originalTotal = fill.total;
  const more = goodFill(catalog, 'c2');
  more.input.budget!.push({ taskCode: 'T001', expenseCategory: '差旅费', fundingSource: '自筹', amount: 1.5, basis: '补充' });
  v2 = resave((await fillWorkbookDetailed(await generated(catalog, settings, 'c2'), more.input)).bytes, LATER);
});

/** Write the files into a fresh folder with the given modification times; consolidate them. */
async function consolidateFolder(name: string, files: { name: string; bytes: Uint8Array; mtime: string }[], workers = 0) {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (const f of files) {
    writeFileSync(join(folder, f.name), f.bytes);
    const t = new Date(f.mtime);
    utimesSync(join(folder, f.name), t, t);
  }
  const { model, bytes } = await consolidateFiles(files.map((f) => ({ path: join(folder, f.name) })).sort((a, b) => (a.path < b.path ? -1 : 1)), catalog, settings, { generatedAt: '2023-02-01T00:00:00Z', workers });
  const wb: any = new Workbook();
  await wb.xlsx.load(bytes);
  const cover = sheetGrid(wb.getWorksheet('封面')).map((r) => r.map((v) => (v === null ? '' : String(v))));
  const header = cover.findIndex((r) => r[0] === '专委会' && r[1] === '状态');
  const col = (h: string) => cover[header].indexOf(h);
  const row = (file: string) => cover.find((r) => r[2] === file)!;
  return { model, cover, col, row, budget: model.byCommittee.find((c) => c.committeeId === 'c2')!.budget };
}

test('both readers take the saved time from core.xml: the generated one, and the one saved 20 days later', async () => {
  for (const engine of ['auto', 'excelts'] as const) {
    expect((await readWorkbook(original, 'a.xlsx', { engine })).raw!.savedAt).toBe(GENERATED_AT);
    expect((await readWorkbook(v2, 'b.xlsx', { engine })).raw!.savedAt).toBe(new Date(LATER).toISOString());
    expect((await readWorkbook(resave(original, null), 'c.xlsx', { engine })).raw!.savedAt).toBeUndefined();
  }
});

test('the file saved 20 days later wins though its name sorts first and its file time is older; 报送情况 says why with the other date', async () => {
  const r = await consolidateFolder('saved', [
    { name: '决策咨询.xlsx', bytes: original, mtime: '2023-02-10T00:00:00Z' },
    { name: '决策咨询-v2.xlsx', bytes: v2, mtime: '2023-01-26T00:00:00Z' },
  ]);
  expect(r.row('决策咨询-v2.xlsx')[1]).toBe('已提交');
  expect(r.row('决策咨询.xlsx')[1]).toBe('被替换');
  expect(r.budget).toBeCloseTo(originalTotal + 1.5, 6);
  expect(r.row('决策咨询-v2.xlsx')[r.col('保存时间')]).toBe('2023-01-25 16:00（北京时间）');
  expect(r.row('决策咨询-v2.xlsx')[r.col('说明')]).toBe('以本文件为准，替换了“决策咨询.xlsx”（按文件保存时间：本文件保存于 2023-01-25 16:00（北京时间），该文件保存于 2023-01-05 16:00（北京时间））。');
  expect(r.row('决策咨询.xlsx')[r.col('说明')]).toMatch(/^已被文件“决策咨询-v2\.xlsx”替换（按文件保存时间：本文件保存于 2023-01-05 16:00（北京时间），该文件保存于 2023-01-25 16:00（北京时间））；/);
  const replaced = r.model.findings.find((f) => f.code === 'consolidate.replaced')!;
  expect(replaced.file).toBe('决策咨询.xlsx');
  expect(replaced.message.zh).toContain('按文件保存时间：本文件保存于 2023-01-05 16:00（北京时间），该文件保存于 2023-01-25 16:00（北京时间）');
  // No raw ISO text on the roster for people.
  for (const line of r.cover) for (const cell of line) expect(cell).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
  // Worker threads carry the saved and modification times across: the same model.
  const inWorkers = await consolidateFolder('saved-workers', [
    { name: '决策咨询.xlsx', bytes: original, mtime: '2023-02-10T00:00:00Z' },
    { name: '决策咨询-v2.xlsx', bytes: v2, mtime: '2023-01-26T00:00:00Z' },
  ], 2);
  expect(inWorkers.model.roster).toEqual(r.model.roster);
});

test('without core.xml the file modification time decides', async () => {
  const r = await consolidateFolder('mtime', [
    { name: '决策咨询.xlsx', bytes: resave(original, null), mtime: '2023-01-10T02:00:00Z' },
    { name: '决策咨询-v2.xlsx', bytes: resave(v2, null), mtime: '2023-01-30T02:00:00Z' },
  ]);
  expect(r.row('决策咨询-v2.xlsx')[1]).toBe('已提交');
  expect(r.row('决策咨询.xlsx')[1]).toBe('被替换');
  expect(r.budget).toBeCloseTo(originalTotal + 1.5, 6);
  expect(r.row('决策咨询-v2.xlsx')[r.col('保存时间')]).toBe('2023-01-30 10:00（北京时间）（文件修改时间）');
  expect(r.row('决策咨询.xlsx')[r.col('说明')]).toContain('按文件修改时间：本文件修改于 2023-01-10 10:00（北京时间），该文件修改于 2023-01-30 10:00（北京时间）');
});

test('a 提交-stamped file beats an unstamped one saved later (the stamp is the committee\'s declaration)', async () => {
  // What 提交 on the page does: the stamp written into _meta of a copy.
  const stamped = await patchWorkbook(original, { keyValues: { sheet: '_meta', entries: { submittedBy: '李四', submittedAt: '2023-01-06T02:00:00.000Z', submissionVersion: '1', contentHash: 'x' } } });
  const r = await consolidateFolder('stamp', [
    { name: '2023年工作计划-决策咨询专委会-提交.xlsx', bytes: stamped, mtime: '2023-01-06T02:00:00Z' },
    { name: '决策咨询-v2.xlsx', bytes: v2, mtime: '2023-01-26T00:00:00Z' },
  ]);
  expect(r.row('2023年工作计划-决策咨询专委会-提交.xlsx')[1]).toBe('已提交');
  expect(r.row('决策咨询-v2.xlsx')[1]).toBe('被替换');
  expect(r.budget).toBeCloseTo(originalTotal, 6);
  expect(r.row('2023年工作计划-决策咨询专委会-提交.xlsx')[r.col('提交时间')]).toBe('2023-01-06 10:00（北京时间）');
  expect(r.row('决策咨询-v2.xlsx')[r.col('说明')]).toContain('按提交时间：本文件无提交标记，该文件提交于 2023-01-06 10:00（北京时间）');
});

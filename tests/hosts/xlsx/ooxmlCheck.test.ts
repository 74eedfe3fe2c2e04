/**
 * Every kind of file the product writes opens in Excel without a repair dialog: the independent
 * judge ../shared/ooxml-check/check-xlsx.sh (ISO/IEC 29500 schemas with jing + the package and
 * SpreadsheetML rules Excel enforces) finds 0 violations in all of them, checked in ONE run:
 *
 * - committee workbooks from `generate`, default settings and custom settings (元, 2024, password,
 *   own lists, ceilings by name); the page's 下载工作簿 (FileHost) with both;
 * - `validate --fix` copies; file-mode fixes and 提交 stamps (patch.ts through the page's FileHost):
 *   of a workbook filled by a script (excelts) and of one re-saved by LibreOffice, stamped twice;
 * - summaries from `consolidate`, full and empty, through excelts and through the fast writer; the
 *   page's 汇总 download, with 变更 against an earlier summary;
 * - 退回意见 copies from `feedback` and from the page, with notes on several sheets;
 * - text Excel cannot hold as it is (40,000 characters in a cell, a control character before a
 *   space) carried from a submission into summaries and feedback copies.
 *
 * jing and python3-lxml come from scripts/install-test-deps.sh (CI runs it); without them this test
 * fails saying so, it is never skipped.
 */
import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join, resolve } from 'path';
import { unzip } from '@cj-tech-master/excelts/archive';
import { main } from '../../../src/cli/main';
import { consolidateFiles, renderSummary } from '../../../src/cli/commands/consolidate';
import { parseSettingsText, settingsFrom } from '../../../src/cli/settingsFile';
import { consolidate } from '../../../src/core/consolidate';
import type { Settings } from '../../../src/core/plan/types';
import { SHEET_NAMES } from '../../../src/core/sheets/columns';
import { pointLabel } from '../../../src/core/sheets/committeeWorkbook';
import { patchWorkbook } from '../../../src/hosts/xlsx/patch';
import { rewriteFixes } from '../../../src/core/validate/fixes';
import { createFileHost } from '../../../src/taskpane/host';
import type { Host } from '../../../src/taskpane/host';
import { engine } from '../../../src/taskpane/engine/impl';
import { xlsx } from '../../../src/taskpane/engine/xlsx';
import type { Checked, Refused } from '../../../src/taskpane/engine/types';
import { fixtureCatalog, fixtureSettings, generated, goodFill, goodWorkbook } from '../../helpers/committeeFixtures';
import { fillWorkbook, fillWorkbookDetailed } from '../../helpers/fillWorkbook';
import { TASK_LETTERS } from '../../helpers/rawSubmission';
import { hasLibreOffice, libreofficeConvert } from '../../helpers/libreoffice';

jest.setTimeout(600_000);

const ROOT = resolve(__dirname, '../../..');
const CHECKER = process.env.OOXML_CHECK ?? resolve(ROOT, '../shared/ooxml-check/check-xlsx.sh');

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);
const CUSTOM_YAML = `
organisation: 上海市老科协
region: 上海市
year: 2024
budgetUnit: 元
amountDecimals: 2
ceilings: { 党委: 100000, 决策咨询专委会: 300000, c3: 400000 }
expenseCategories: [会议费, 培训费, 差旅费, 劳务费, 专家咨询费, 印刷出版费, 宣传费, 调研费, 委托业务费, 活动组织费, 奖励表彰费, 设备购置费, 图书资料费, 网络平台运维费, 其他]
fundingSources: [财政拨款, 上级补助, 会费收入, 社会捐赠, 其他]
deliverableTypes: [研究报告, 决策咨询专报, 论文, 活动, 其他]
deadline: 2024-01-31
contact: 秘书处 李四 021-87654321
password: pw-2024
`;
const custom: Settings = settingsFrom(parseSettingsText(CUSTOM_YAML), catalog);

const dir = mkdtempSync(join(tmpdir(), 'pb-ooxml-'));
/** Everything in here is checked. */
const out = join(dir, 'check');
afterAll(() => {
  if (process.env.KEEP) console.log(dir);
  else rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: false }, cwd: dir });
  return { code, stdout, stderr };
}

/**
 * A workbook LibreOffice re-saved: not ours, but our fixes and stamps of it are. LibreOffice 7.4 writes
 * parts the checker's schemas do not know (workbookPr dateCompatibility, a later edition of the
 * standard); a copy we patch keeps them byte for byte. So a patched copy of it may show exactly the
 * violations the LibreOffice file itself shows, and nothing more.
 */
const INHERITED = 'input-libreoffice';

/** The checked files, by kind (every kind must be there). */
const written = new Map<string, string[]>();
function keep(kind: string, name: string, bytes: Uint8Array | Buffer): void {
  const path = join(out, `${kind}--${name}`);
  writeFileSync(path, bytes);
  written.set(kind, [...(written.get(kind) ?? []), path]);
}
function keepFile(kind: string, path: string): void {
  keep(kind, basename(path), readFileSync(path));
}

/**
 * The page's FileHost, with the page's own engine and xlsx chunks, its downloads caught as bytes.
 */
function pageHost(): { host: Host; downloads: { name: string; bytes: Uint8Array }[] } {
  const downloads: { name: string; bytes: Uint8Array }[] = [];
  const host = createFileHost({
    loadEngine: async () => engine,
    loadXlsx: async () => xlsx,
    download: (bytes, name) => downloads.push({ name, bytes }),
  });
  return { host, downloads };
}

/** A filled workbook with things to fix on two sheets: a date typed as text, an amount in 元 with full-width digits, a missing point. */
async function typedWorkbook(s: Settings, cid: string, amount: string): Promise<Uint8Array> {
  const { bytes, fill } = await goodWorkbook(catalog, s, cid);
  return fillWorkbook(bytes, {
    tasks: [{ code: fill.confirmed[0].code, start: `${s.year}年3月1日`, point: null, $textDates: true }],
    budget: [{ $row: 4, amount }],
  });
}

/** Where the checker's tools are, or why it cannot run (a failure, never a skip). */
function checkerTools(): { jing: string } {
  let jing = '';
  try {
    jing = execFileSync('sh', ['-c', 'command -v jing'], { encoding: 'utf8' }).trim();
  } catch {
    /* reported below */
  }
  if (!jing) throw new Error('jing is not installed: the OOXML check needs it. Run `bash scripts/install-test-deps.sh` (Debian: apt-get install -y jing python3-lxml).');
  const lxml = ['python3', '/usr/bin/python3'].some((py) => spawnSync(py, ['-c', 'import lxml'], { stdio: 'ignore' }).status === 0);
  if (!lxml) throw new Error('python3-lxml is not installed: the OOXML check needs it. Run `bash scripts/install-test-deps.sh` (Debian: apt-get install -y python3-lxml).');
  try {
    readFileSync(CHECKER);
  } catch {
    throw new Error(`The OOXML checker is not at ${CHECKER} (set OOXML_CHECK to its check-xlsx.sh).`);
  }
  return { jing };
}

/**
 * Debian's jing launcher (java-wrappers) prints "[warning] /usr/bin/jing: Unable to locate <jar> in
 * /usr/share/java" for optional jars it does not find, and the checker reports any stray jing line
 * as a harness violation. This shim runs the real jing and drops exactly those launcher lines;
 * jing's own output (file:line:col: error: …) passes through untouched.
 */
function jingShim(jing: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const shim = join(bin, 'jing');
  writeFileSync(
    shim,
    `#!/bin/sh\n{ '${jing.replace(/'/g, `'\\''`)}' "$@" 2>&1 1>&3 3>&- | grep -v '^\\[warning\\] .*: Unable to locate [^ ]* in ' >&2; } 3>&1\n`,
  );
  chmodSync(shim, 0o755);
  return bin;
}

let tools: { jing: string } | null = null;
let toolsError: Error | null = null;

beforeAll(async () => {
  try {
    tools = checkerTools();
  } catch (e) {
    toolsError = e as Error;
    return; // nothing to check with: the test below fails with the reason, without building anything
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(dir, 'custom.yaml'), CUSTOM_YAML);
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ organisation: '江苏省老科协', region: '江苏省', year: 2023, ceilings: { c1: 10, c2: 30, c3: 30, c4: 30, c5: 5, c6: 30, c7: 30 } }));

  // Committee workbooks: CLI generate, default and custom settings.
  expect((await run(['generate', '--all', '--region', '江苏省', '-o', 'gen-default'])).code).toBe(0);
  for (const f of readdirSync(join(dir, 'gen-default'))) keepFile('generate-default', join(dir, 'gen-default', f));
  expect((await run(['generate', '--all', '--settings', 'custom.yaml', '-o', 'gen-custom'])).code).toBe(0);
  for (const f of readdirSync(join(dir, 'gen-custom'))) keepFile('generate-custom', join(dir, 'gen-custom', f));

  // The corpus: every committee filled (c2 twice: a resubmission), one typed the way clerks do, one corrupt.
  const inbox = join(dir, 'inbox');
  mkdirSync(inbox, { recursive: true });
  for (const c of catalog.committees) if (c.id !== 'c7') writeFileSync(join(inbox, `${c.id}.xlsx`), (await goodWorkbook(catalog, settings, c.id)).bytes);
  // c7: text a script can write and Excel cannot hold — 40,000 characters in one cell (written by
  // excelts, as openpyxl would) and a control character before a space (Excel writes it as _x000B_).
  const c7 = goodFill(catalog, 'c7');
  const c7point = catalog.points.find((p) => p.committeeIds.includes('c7'))!;
  c7.input.tasks!.push({ point: pointLabel(c7point), name: '超长内容', content: '长'.repeat(40_000), committee: '组织建设与服务专委会', owner: '赵六', kpi: '完成', start: '2023-04-01', end: '2023-09-30', draft: null });
  const c7filled = await fillWorkbookDetailed(await generated(catalog, settings, 'c7'), c7.input);
  const c7row = c7filled.rows.tasks[c7filled.rows.tasks.length - 1];
  writeFileSync(join(inbox, 'c7.xlsx'), await patchWorkbook(c7filled.bytes, { cells: [{ sheet: SHEET_NAMES.tasks, address: `${TASK_LETTERS.kpi}${c7row}`, value: '\u000b 完成 ' }] }));
  const c2v2 = goodFill(catalog, 'c2');
  c2v2.input.budget!.push({ taskCode: 'T001', expenseCategory: '差旅费', fundingSource: '自筹', amount: 1.5, basis: '补充' });
  writeFileSync(join(inbox, 'c2-第二版.xlsx'), await fillWorkbook(await generated(catalog, settings, 'c2'), c2v2.input));
  const typed = await typedWorkbook(settings, 'c5', '１２０００元');
  writeFileSync(join(inbox, 'c5-typed.xlsx'), typed);
  const corrupt = (await goodWorkbook(catalog, settings, 'c6')).bytes;
  writeFileSync(join(inbox, 'c6-损坏.xlsx'), corrupt.subarray(0, corrupt.length >> 1));

  // validate --fix copies (default settings and 元 settings).
  mkdirSync(join(dir, 'typed'), { recursive: true });
  writeFileSync(join(dir, 'typed', 'c5-typed.xlsx'), typed);
  writeFileSync(join(dir, 'typed', 'c3-typed-元.xlsx'), await typedWorkbook(custom, 'c3', '12,000 元'));
  const fix = await run(['validate', 'typed/c5-typed.xlsx', '--fix', 'fixed']);
  expect(fix.stdout).toMatch(/修正副本 .*：\d+ 处改写/);
  const fix2 = await run(['validate', 'typed/c3-typed-元.xlsx', '--fix', 'fixed', '--settings', 'custom.yaml']);
  expect(fix2.stdout).toMatch(/修正副本 .*：\d+ 处改写/);
  for (const f of readdirSync(join(dir, 'fixed'))) keepFile('validate-fix', join(dir, 'fixed', f));

  // CLI consolidate: full (excelts) and empty (only a corrupt file: every committee 未提交).
  const full = await run(['consolidate', 'inbox', '-o', 'summary-full.xlsx', '--settings', 'settings.json']);
  expect(full.stderr).toBe('');
  keepFile('consolidate-excelts', join(dir, 'summary-full.xlsx'));
  mkdirSync(join(dir, 'inbox-empty'), { recursive: true });
  writeFileSync(join(dir, 'inbox-empty', 'c6-损坏.xlsx'), corrupt.subarray(0, corrupt.length >> 1));
  expect((await run(['consolidate', 'inbox-empty', '-o', 'summary-empty.xlsx'])).code).toBe(1);
  keepFile('consolidate-excelts', join(dir, 'summary-empty.xlsx'));
  // consolidate --previous: 变更 against the empty summary (every task added).
  const changes = await run(['consolidate', 'inbox', '-o', 'summary-changes.xlsx', '--previous', 'summary-empty.xlsx', '--settings', 'settings.json']);
  expect(changes.stderr).toBe('');
  expect(changes.stdout).toMatch(/与上次汇总相比：新增 [1-9]\d* 项/);
  keepFile('consolidate-excelts', join(dir, 'summary-changes.xlsx'));
  // The fast writer (the CLI's path from 5,000 rows on), full and empty, and excelts without tables.
  const files = readdirSync(inbox).sort().map((f) => ({ path: join(inbox, f) }));
  const fast = await consolidateFiles(files, catalog, settings, { fastFrom: 0, workers: 0, generatedAt: '2023-02-01T00:00:00Z' });
  keep('consolidate-fast', 'summary-full.xlsx', fast.bytes);
  const none = consolidate([], catalog, settings, { previous: null, generatedAt: '2023-02-01T00:00:00Z' });
  keep('consolidate-fast', 'summary-none.xlsx', await renderSummary(none, catalog, settings, { fastFrom: 0 }));
  keep('consolidate-excelts', 'summary-none.xlsx', await renderSummary(none, catalog, settings, { fastFrom: Infinity }));
  keep('consolidate-excelts', 'summary-no-tables.xlsx', await renderSummary(fast.model, catalog, settings, { fastFrom: Infinity, tables: false }));

  // CLI feedback: the typed file has findings on 任务表 and 预算明细 (notes on two sheets).
  expect((await run(['feedback', 'inbox/c5-typed.xlsx', '-o', 'feedback-cli.xlsx', '--settings', 'settings.json'])).code).toBe(0);
  keepFile('feedback-cli', join(dir, 'feedback-cli.xlsx'));
  expect((await run(['feedback', 'inbox/c7.xlsx', '-o', 'feedback-cli-long.xlsx', '--settings', 'settings.json'])).code).toBe(0);
  keepFile('feedback-cli', join(dir, 'feedback-cli-long.xlsx'));

  // The page (file mode, FileHost): 下载工作簿, fixes + 下载已修改的文件, 提交 (twice), 汇总, 退回意见.
  const { host, downloads } = pageHost();
  for (const [s, cid] of [[settings, 'c2'], [custom, 'c3']] as const) {
    const spec = engine.describeCommitteeWorkbook(catalog, s, cid);
    await host.createCommitteeWorkbook(spec, engine.committeeFileName(s.year, catalog.committees.find((c) => c.id === cid)!.name));
  }
  const fileMode = async (name: string, bytes: Uint8Array, s: Settings) => {
    const raw = await host.readFile({ name, arrayBuffer: async () => bytes.slice().buffer });
    const { findings } = engine.checkSubmission(raw, catalog, s);
    const fixes = rewriteFixes(findings);
    expect(fixes.length).toBeGreaterThanOrEqual(2);
    const fixed = await host.patchFile(bytes, { cells: fixes.map(({ sheet, address, value }) => ({ sheet, address, value })) });
    await host.saveCopy(name.replace(/\.xlsx$/, '-已修改.xlsx'), fixed);
    const stamp = (version: string) => ({ keyValues: { sheet: SHEET_NAMES.meta, entries: { submittedBy: '王五', submittedAt: '2023-01-20T02:00:00.000Z', submissionVersion: version, contentHash: 'ab'.repeat(32) } } });
    const stamped = await host.patchFile(fixed, stamp('1'));
    await host.saveCopy(name.replace(/\.xlsx$/, '-提交.xlsx'), stamped);
    await host.saveCopy(name.replace(/\.xlsx$/, '-提交2.xlsx'), await host.patchFile(stamped, stamp('2')));
  };
  await fileMode('c5-typed.xlsx', typed, settings);
  await fileMode('c3-typed-元.xlsx', new Uint8Array(readFileSync(join(dir, 'typed', 'c3-typed-元.xlsx'))), custom);
  // A workbook re-saved by LibreOffice (as WPS and LibreOffice users send them), fixed and stamped.
  if (!hasLibreOffice()) throw new Error('LibreOffice (soffice) is not installed: run `bash scripts/install-test-deps.sh`.');
  const [lo] = await libreofficeConvert([join(dir, 'typed', 'c5-typed.xlsx')], { outDir: join(dir, 'lo') });
  // Checked too, as the measure of what the patched copies inherit (LibreOffice's own parts are kept byte for byte).
  keepFile(INHERITED, lo);
  await fileMode('c5-typed-libreoffice.xlsx', new Uint8Array(readFileSync(lo)), settings);

  const checked: Checked[] = [];
  const refused: Refused[] = [];
  for (const f of readdirSync(inbox).sort()) {
    const bytes = new Uint8Array(readFileSync(join(inbox, f)));
    try {
      const raw = await host.readFile({ name: f, arrayBuffer: async () => bytes.slice().buffer });
      checked.push({ file: f, bytes, raw, ...engine.checkSubmission(raw, catalog, settings) });
    } catch (e) {
      refused.push({ file: f, bytes, finding: (e as { finding: Refused['finding'] }).finding });
    }
  }
  expect(refused).toHaveLength(1);
  const first = engine.summarise(checked.filter((c) => c.file !== 'c2-第二版.xlsx'), refused, catalog, settings, null);
  await host.writeSummary(first.spec, first.fileName);
  const second = engine.summarise(checked, refused, catalog, settings, first.memo);
  expect(second.spec.sheets.map((s) => s.name)).toContain('变更');
  await host.writeSummary(second.spec, second.fileName.replace(/\.xlsx$/, '-变更.xlsx'));
  const empty = engine.summarise([], [], catalog, settings, null);
  await host.writeSummary(empty.spec, empty.fileName.replace(/\.xlsx$/, '-空.xlsx'));
  const c5 = checked.find((c) => c.file === 'c5-typed.xlsx')!;
  const fb = engine.describeFeedback(c5.raw, c5.findings, '助力乡村振兴专委会');
  await host.downloadWorkbook(fb.spec, fb.fileName);
  downloads.forEach((d, i) => keep('page', `${i}-${d.name}`, d.bytes));
});

async function partText(path: string, name: string): Promise<string> {
  const b = await unzip(new Uint8Array(readFileSync(path))).bytes(name);
  return b ? new TextDecoder().decode(b) : '';
}

/** The VML parts (one per sheet with notes) of a file. */
async function vmlParts(path: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of unzip(new Uint8Array(readFileSync(path))).entries()) if (/\.vml$/.test(e.path)) names.push(e.path);
  return names;
}

test('check-xlsx.sh finds 0 violations in every kind of file the product writes (one run over all of them; a patched LibreOffice file adds none to its own)', async () => {
  if (toolsError) throw toolsError;
  // Every kind is there, and the cases that broke Excel before are among them.
  expect([...written.keys()].sort()).toEqual(
    ['consolidate-excelts', 'consolidate-fast', 'feedback-cli', 'generate-custom', 'generate-default', INHERITED, 'page', 'validate-fix'].sort(),
  );
  expect(written.get('generate-default')).toHaveLength(catalog.committees.length);
  expect(written.get('generate-custom')).toHaveLength(catalog.committees.length);
  expect(written.get('validate-fix')).toHaveLength(2);
  const page = written.get('page')!.map((p) => basename(p));
  for (const part of ['2023年工作计划-决策咨询专委会', '2024年工作计划-科普与教育专委会', '-已修改.xlsx', '-提交.xlsx', '-提交2.xlsx', '-libreoffice-提交.xlsx', '-变更.xlsx', '-空.xlsx', '退回'])
    expect(page.some((n) => n.includes(part))).toBe(true);
  expect((await vmlParts(join(dir, 'feedback-cli.xlsx'))).length).toBeGreaterThanOrEqual(2);
  // The 40,000 characters reached the summaries and the feedback copy, fitted and said so.
  for (const f of ['consolidate-excelts--summary-full.xlsx', 'consolidate-fast--summary-full.xlsx', 'feedback-cli--feedback-cli-long.xlsx'])
    expect(await partText(join(out, f), 'xl/sharedStrings.xml')).toContain('…（原文 40000 字，超过 Excel 单元格上限 32767 字，其余未写入）');

  const all = [...written.values()].flat();
  const bin = jingShim(tools!.jing);
  const r = spawnSync(CHECKER, all, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, maxBuffer: 64 * 1024 * 1024 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`.replaceAll(out + '/', '');
  const summary = /^(\d+) files, (\d+) parts, (\d+) violations$/m.exec(output);
  // "FILE PART: [kind] message" (a harness line has FILE "-": it counts as ours)
  const lines = output.split('\n').filter((l) => l && l !== summary?.[0]);
  const parsed = lines.map((l) => /^(\S+) (\S+: .*)$/.exec(l)).map((m, i) => ({ file: m?.[1] ?? '', what: m?.[2] ?? lines[i] }));
  const lo = new Set(parsed.filter((v) => v.file.startsWith(`${INHERITED}--`)).map((v) => v.what.replace(/ \[×\d+\]$/, '')));
  const inherited = (v: { file: string; what: string }) => v.file.startsWith(`${INHERITED}--`) || (v.file.includes('-libreoffice') && lo.has(v.what.replace(/ \[×\d+\]$/, '')));
  const ours = parsed.filter((v) => !inherited(v));
  if (ours.length || !summary || ![0, 1].includes(r.status ?? -1)) console.log(`check-xlsx.sh exited ${r.status}:\n${output}`); // what it found, to fix
  expect(summary?.[1]).toBe(String(all.length));
  expect([0, 1]).toContain(r.status);
  expect(ours.map((v) => `${v.file} ${v.what}`)).toEqual([]);
  if (r.status === 1) expect(lo.size).toBeGreaterThan(0); // exit 1 only for what LibreOffice wrote
  console.log(`check-xlsx.sh: ${summary![0]}; ${ours.length} in files we write (${parsed.length - ours.length} from LibreOffice's own parts, kept as they are)`);
});

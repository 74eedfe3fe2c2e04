/**
 * The CLI keeps the secretariat's secret and checks committee tokens (issue 14). `generate` creates the
 * secret file once (mode 0600, folder 0700) and reuses it; a committee that forges `_meta` — its own
 * workbook, filled, then its _meta edited with openpyxl to another committee's id, version 999 and a
 * later stamp, as one would with a script — is refused by `consolidate`, and the real submission counts.
 */
import { createHmac } from 'crypto';
import { execFileSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Workbook } from '@cj-tech-master/excelts';
import { main } from '../../src/cli/main';
import { sheetGrid } from '../../src/hosts/xlsx/read';
import { readWorkbook } from '../../src/hosts/xlsx';
import { fixtureCatalog, goodFill } from '../helpers/committeeFixtures';
import { fillWorkbookDetailed } from '../helpers/fillWorkbook';
import { PYTHON } from '../helpers/openpyxl';

jest.setTimeout(120_000);

const catalog = fixtureCatalog();
const dir = mkdtempSync(join(tmpdir(), 'pb-token-'));
const config = join(dir, 'config'); // the per-user config folder of these runs
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const name = (id: string) => catalog.committees.find((c) => c.id === id)!.name;

async function run(args: string[], env: Record<string, string | undefined> = { PLAN_BUDGET_CONFIG_DIR: config }) {
  let stdout = '', stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: false }, cwd: dir, env });
  return { code, stdout, stderr };
}

const tokenIn = async (file: string) => (await readWorkbook(new Uint8Array(readFileSync(file)), 'x.xlsx')).raw!.meta.token;
const expected = (secret: string, committeeId: string, year = 2023) =>
  'v1.' + createHmac('sha256', secret).update(`plan-budget committee token v1\n${committeeId}\n${year}\n${catalog.hash}`).digest('hex');

/** Edit _meta with openpyxl: key → value (a forger's script). */
function forgeMeta(src: string, dst: string, edits: Record<string, string>) {
  const py = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['_meta']
edits = json.loads(sys.argv[3])
for row in ws.iter_rows(min_row=2):
    k = row[0].value
    if k in edits:
        row[1].value = edits.pop(k)
for k, v in edits.items():
    ws.append([k, v])
wb.save(sys.argv[2])
`;
  execFileSync(PYTHON, ['-c', py, src, dst, JSON.stringify(edits)]);
}

let secret = '';

test('generate creates the secret once (0600 in a 0700 folder), says where, and reuses it', async () => {
  const first = await run(['generate', '--region', '江苏省', '--all', '-o', 'gen']);
  expect(first.code).toBe(0);
  const file = join(config, 'secret');
  expect(first.stdout).toContain(`已生成秘书处密钥并保存在 ${file}`);
  secret = readFileSync(file, 'utf8').trim();
  expect(secret).toMatch(/^[0-9a-f]{64}$/);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(statSync(config).mode & 0o777).toBe(0o700);
  expect(await tokenIn(join(dir, 'gen', `2023年工作计划-${name('c2')}.xlsx`))).toBe(expected(secret, 'c2'));
  expect(await tokenIn(join(dir, 'gen', `2023年工作计划-${name('c3')}.xlsx`))).toBe(expected(secret, 'c3'));
  for (const f of readdirSync(join(dir, 'gen'))) expect(readFileSync(join(dir, 'gen', f)).includes(Buffer.from(secret))).toBe(false);

  const again = await run(['generate', '--region', '江苏省', '--committee', 'c2', '-o', 'gen2']);
  expect(again.code).toBe(0);
  expect(again.stdout).not.toContain('密钥');
  expect(readFileSync(file, 'utf8').trim()).toBe(secret);
  expect(await tokenIn(join(dir, 'gen2', `2023年工作计划-${name('c2')}.xlsx`))).toBe(expected(secret, 'c2'));
});

test('a secretFile named in the settings file is created there on first use; secret: in settings is used as is', async () => {
  writeFileSync(join(dir, 'own.yaml'), 'secretFile: keys/plan.secret\n');
  const r = await run(['generate', '--region', '江苏省', '--committee', 'c2', '-o', 'gen3', '--settings', 'own.yaml']);
  expect(r.code).toBe(0);
  const file = join(dir, 'keys', 'plan.secret');
  expect(r.stdout).toContain(file);
  expect(statSync(file).mode & 0o777).toBe(0o600);
  const own = readFileSync(file, 'utf8').trim();
  expect(own).not.toBe(secret);
  expect(await tokenIn(join(dir, 'gen3', `2023年工作计划-${name('c2')}.xlsx`))).toBe(expected(own, 'c2'));

  writeFileSync(join(dir, 'inline.yaml'), 'secret: 0123456789abcdef-secretariat\n');
  const i = await run(['generate', '--region', '江苏省', '--committee', 'c2', '-o', 'gen4', '--settings', 'inline.yaml']);
  expect(i.code).toBe(0);
  expect(i.stdout).not.toContain('密钥');
  expect(await tokenIn(join(dir, 'gen4', `2023年工作计划-${name('c2')}.xlsx`))).toBe(expected('0123456789abcdef-secretariat', 'c2'));

  writeFileSync(join(dir, 'missing.yaml'), 'secretFile: nowhere/none.secret\n');
  const m = await run(['consolidate', 'gen', '-o', 'never.xlsx', '--settings', 'missing.yaml']);
  expect(m.code).toBe(2);
  expect(readdirSync(dir)).not.toContain('never.xlsx');
  expect(m.stderr).toContain(`找不到密钥文件：${join(dir, 'nowhere', 'none.secret')}`);
});

describe('a forged _meta in the folder with the real submission', () => {
  let inbox = '';
  beforeAll(async () => {
    const gen = (id: string) => new Uint8Array(readFileSync(join(dir, 'gen', `2023年工作计划-${name(id)}.xlsx`)));
    inbox = join(dir, 'inbox');
    mkdirSync(inbox, { recursive: true });
    const real = await fillWorkbookDetailed(gen('c2'), goodFill(catalog, 'c2').input);
    writeFileSync(join(inbox, `${name('c2')}.xlsx`), real.bytes);
    const own = await fillWorkbookDetailed(gen('c3'), goodFill(catalog, 'c3').input);
    writeFileSync(join(dir, 'c3-own.xlsx'), own.bytes);
    forgeMeta(join(dir, 'c3-own.xlsx'), join(inbox, `${name('c2')}-最终版.xlsx`), {
      committeeId: 'c2',
      committee: name('c2'),
      submissionVersion: '999',
      submittedAt: '2023-12-31T00:00:00Z',
    });
  });

  async function coverOf(out: string) {
    const wb: any = new Workbook();
    await wb.xlsx.load(readFileSync(out));
    const cover = sheetGrid(wb.getWorksheet('封面')).map((r) => r.map((v) => (v === null ? '' : String(v))));
    const header = cover.findIndex((r) => r[0] === '专委会' && r[1] === '状态');
    const col = (h: string) => cover[header].indexOf(h);
    return { row: (file: string) => cover.find((r) => r[col('文件名')] === file)!, col };
  }

  test('with the secret: the real one counts, the forged one is refused naming the committee it claims', async () => {
    const r = await run(['consolidate', 'inbox', '-o', 'summary.xlsx']);
    expect(r.stdout).toContain(`${name('c2')}-最终版.xlsx`);
    expect(r.stdout).toContain(`自称属于${name('c2')}（c2）`);
    expect(r.stdout).not.toContain('被替换 1 个');
    const { row, col } = await coverOf(join(dir, 'summary.xlsx'));
    const real = row(`${name('c2')}.xlsx`), forged = row(`${name('c2')}-最终版.xlsx`);
    expect([real[col('状态')], real[col('令牌')], real[col('专委会')]]).toEqual(['已提交', '已验证', name('c2')]);
    expect([forged[col('状态')], forged[col('令牌')], forged[col('提交版本')]]).toEqual(['已拒收', '令牌不符', '999']);
    expect(forged[col('说明')]).toContain(`令牌属于${name('c3')}（c3）`);
  });

  test('without a secret (another computer): flagged, never silently replacing — a warning names both files', async () => {
    const r = await run(['consolidate', 'inbox', '-o', 'summary-nosecret.xlsx'], { PLAN_BUDGET_CONFIG_DIR: join(dir, 'elsewhere') });
    expect(r.stdout).toContain('未设置秘书处密钥');
    const { row, col } = await coverOf(join(dir, 'summary-nosecret.xlsx'));
    expect(row(`${name('c2')}.xlsx`)[col('令牌')]).toBe('未验证（未设置密钥）');
    expect(row(`${name('c2')}-最终版.xlsx`)[col('令牌')]).toBe('未验证（未设置密钥）');
    const wb: any = new Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'summary-nosecret.xlsx')));
    const findings = sheetGrid(wb.getWorksheet('问题清单')).map((r) => r.map((v) => (v === null ? '' : String(v))).join('|'));
    expect(findings.some((l) => l.includes('consolidate.token.unverifiedChoice') && l.includes(`${name('c2')}有 2 个文件都无法验证令牌`))).toBe(true);
    expect(findings.some((l) => l.includes('consolidate.token.noSecret'))).toBe(true);
  });
});

test('a secret file others can read is used with a note; one too short, too large or not a regular file (a FIFO) is one clear line, exit 2', async () => {
  const loose = join(dir, 'loose');
  mkdirSync(loose, { recursive: true });
  writeFileSync(join(loose, 'secret'), 'b'.repeat(64) + '\n', { mode: 0o644 });
  chmodSync(join(loose, 'secret'), 0o644);
  const r = await run(['generate', '--region', '江苏省', '--committee', 'c2', '-o', 'gen-loose'], { PLAN_BUDGET_CONFIG_DIR: loose });
  expect(r.code).toBe(0);
  expect(r.stderr).toContain(`密钥文件 ${join(loose, 'secret')} 他人也可读取`);
  expect(await tokenIn(join(dir, 'gen-loose', `2023年工作计划-${name('c2')}.xlsx`))).toBe(expected('b'.repeat(64), 'c2'));

  const bad = async (setup: (file: string) => void, text: RegExp) => {
    const cfg = mkdtempSync(join(dir, 'cfg-'));
    setup(join(cfg, 'secret'));
    const g = await run(['generate', '--region', '江苏省', '--committee', 'c2', '-o', join(cfg, 'out')], { PLAN_BUDGET_CONFIG_DIR: cfg });
    expect(g.code).toBe(2);
    expect(g.stderr).toMatch(text);
    expect(g.stderr).not.toMatch(/\n\s+at /);
    expect(g.stderr.trim().split('\n')).toHaveLength(1);
  };
  await bad((f) => writeFileSync(f, 'short\n', { mode: 0o600 }), /密钥文件中的密钥过短（至少 16 个字符）/);
  await bad((f) => writeFileSync(f, 'c'.repeat(10_000), { mode: 0o600 }), /密钥文件过大/);
  await bad((f) => mkdirSync(f), /密钥文件不是普通文件/);
  await bad((f) => execFileSync('mkfifo', [f]), /密钥文件不是普通文件/);
});

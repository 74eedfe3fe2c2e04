/** The installed entry point: `node bin/plan-budget.js` (compiled to dist/node by npm install / build:node). */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';

jest.setTimeout(120_000);
const ROOT = resolve(__dirname, '../..');

beforeAll(() => {
  // Always compile, so the test runs the current sources (tsc emits even when another module has type errors).
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.node.json')], { cwd: ROOT, stdio: 'pipe' });
  } catch {
    /* type errors elsewhere still emit */
  }
  if (!existsSync(join(ROOT, 'dist/node/cli/main.js'))) throw new Error('dist/node/cli/main.js was not built');
});

test('bin/plan-budget.js runs: --help exits 0, generate writes files, bad usage exits 2', () => {
  const help = spawnSync(process.execPath, [join(ROOT, 'bin/plan-budget.js'), '--help'], { encoding: 'utf8' });
  expect(help.status).toBe(0);
  expect(help.stdout).toContain('计划预算编制助手');
  const dir = mkdtempSync(join(tmpdir(), 'pb-bin-'));
  try {
    const gen = spawnSync(process.execPath, [join(ROOT, 'bin/plan-budget.js'), 'generate', '--committee', 'c2', '--region', '江苏省', '-o', dir], { encoding: 'utf8' });
    expect(gen.status).toBe(0);
    expect(readdirSync(dir)).toEqual(['2023年工作计划-决策咨询专委会.xlsx']);
    const val = spawnSync(process.execPath, [join(ROOT, 'bin/plan-budget.js'), 'validate', join(dir, '2023年工作计划-决策咨询专委会.xlsx'), '--json'], { encoding: 'utf8' });
    expect(val.status).toBe(0);
    expect(JSON.parse(val.stdout).errors).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const bad = spawnSync(process.execPath, [join(ROOT, 'bin/plan-budget.js'), 'nonsense'], { encoding: 'utf8' });
  expect(bad.status).toBe(2);
});

test('npm pack holds the compiled CLI; the packed bin runs --help from another folder (as after npm install -g / npm link)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pb-pack-'));
  try {
    // --ignore-scripts: dist/node was just built above (npm pack would run prepare, the same build).
    const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const [info] = JSON.parse(out) as { filename: string; files: { path: string }[] }[];
    const paths = info.files.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['bin/plan-budget.js', 'dist/node/cli/main.js', 'dist/node/cli/readerChild.js', 'package.json', 'README.md']));
    expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('tests/') || p.startsWith('node_modules/'))).toEqual([]);
    // Unpacked elsewhere, with the runtime dependencies beside it, the bin runs from an unrelated folder.
    execFileSync('tar', ['-xzf', join(tmp, info.filename), '-C', tmp]);
    symlinkSync(join(ROOT, 'node_modules'), join(tmp, 'package', 'node_modules'), 'dir');
    const elsewhere = join(tmp, 'elsewhere');
    mkdirSync(elsewhere);
    const link = join(tmp, 'plan-budget');
    symlinkSync(join(tmp, 'package', 'bin', 'plan-budget.js'), link);
    const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
    const help = spawnSync(link, ['--help'], { cwd: elsewhere, encoding: 'utf8', env });
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('计划预算编制助手');
    expect(help.stdout).toContain('generate');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('starting the CLI does not load excelts\' workbook nor docx: commands load them when they write', () => {
  const probe = `require(${JSON.stringify(join(ROOT, 'dist/node/cli/main.js'))});
const keys = Object.keys(require.cache);
console.log(JSON.stringify({ excelts: keys.some((k) => /excelts[\\\\/]dist[\\\\/]cjs[\\\\/]index\\.js$/.test(k)), docx: keys.some((k) => /[\\\\/]docx[\\\\/]/.test(k)), cli: keys.some((k) => k.endsWith('main.js')) }));`;
  const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(JSON.parse(r.stdout)).toEqual({ excelts: false, docx: false, cli: true });
});

/** The installed entry point: `node bin/plan-budget.js` (compiled to dist/node by npm install / build:node). */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';

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

/**
 * bench/readerWire.ts — what reading in reader processes costs the main process: the reader pool
 * alone (the compiled CLI, dist/node) on a corpus, and the per-file cost of the result's trip.
 *
 *   npm run build:node && npx tsx bench/readerWire.ts DIR [--dist PATH] [--files N] [--trip-only | --pool-only | --warm-only]
 *
 * 1. Pool: 2 reader processes read and check every file of DIR (as `plan-budget consolidate` does);
 *    prints the wall time, when the first result came, the main process's CPU time during the
 *    phase (taking the results in: what competes with the readers for the cores) and the readers'
 *    CPU. --dist runs another build (e.g. a worktree of main's) for a before/after. --warm-only:
 *    only how long the readers take to be ready (start, load, warm up).
 * 2. Trip (in this process, from the TypeScript sources): per file, the reader's cost to make the
 *    message and the main process's cost to take it in — Node's 'advanced' IPC copy
 *    (v8.serialize / v8.deserialize) of the result as objects, against the packed result
 *    (core/consolidate/wire.ts: pack + v8.serialize / v8.deserialize + unpack); message sizes.
 * The catalog and settings are bench:consolidate's (bench/outline.ts). Figures from a shared machine
 * are noisy: the load average is printed with them.
 */
import { readdirSync, readFileSync } from 'fs';
import { loadavg } from 'os';
import { join, resolve } from 'path';
import * as v8 from 'v8';
import { parseCatalog } from '../src/core/catalog/parse';
import { defaultSettings } from '../src/core/plan/settings';
import { pack, unpack } from '../src/core/consolidate/wire';
import type { ConsolidationInput } from '../src/core/consolidate/types';
import { consolidateJob, warmUp } from '../src/cli/readerJobs';
import { benchOutline } from './outline';

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const dir = argv[0];
const dist = resolve(opt('dist') ?? join(__dirname, '../dist/node'));
const load = () => `load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU time of this process's ended and reaped children (Linux /proc/self/stat cutime + cstime), in ms; 0 elsewhere. */
function childrenCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * 10;
  } catch {
    return 0;
  }
}

async function pool(names: string[]) {
  const { ReaderPool, readerCount } = (await import(join(dist, 'cli/readerPool.js'))) as typeof import('../src/cli/readerPool');
  const catalog = parseCatalog(benchOutline(names.length));
  const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省', year: 2023 });
  const c0 = cpuMs();
  const k0 = childrenCpuMs();
  const t0 = performance.now();
  const p = new ReaderPool(catalog, settings, { size: readerCount(names.length), kind: 'consolidate' });
  if (argv.includes('--warm-only')) {
    await p.warm();
    const ready = performance.now() - t0;
    await p.close();
    console.log(`pool (${dist}): readers ready ${ready.toFixed(0)} ms after the pool started (${load()})`);
    return;
  }
  let first = 0;
  let readerMs = 0;
  let tasks = 0;
  await Promise.all(
    names.map(async (n) => {
      const o = await p.run({ kind: 'consolidate', path: join(dir, n), name: n });
      first ||= performance.now() - t0;
      if (!o.ok) throw new Error(`${n}: ${JSON.stringify(o.failure)}`);
      readerMs += o.value.read + o.value.check;
      if (o.value.input.outcome.kind === 'checked') tasks += o.value.input.outcome.submission.tasks.length;
    }),
  );
  const wall = performance.now() - t0;
  const main = cpuMs() - c0;
  await p.close();
  const readersCpu = childrenCpuMs() - k0;
  console.log(
    `pool (${dist}): ${names.length} files, ${tasks} tasks — wall ${(wall / 1000).toFixed(2)} s, first result at ${(first / 1000).toFixed(2)} s, ` +
      `main process CPU ${(main / 1000).toFixed(2)} s (${(main / names.length).toFixed(2)} ms/file), readers' CPU ${(readersCpu / 1000).toFixed(2)} s (their read+check ${(readerMs / 1000).toFixed(2)} s) (${load()})`,
  );
}

async function trip(names: string[]) {
  const catalog = parseCatalog(benchOutline(names.length));
  const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省', year: 2023 });
  warmUp('consolidate', catalog, settings);
  const some = names.slice(0, 40);
  const inputs: ConsolidationInput[] = [];
  for (const n of some) inputs.push((await consolidateJob({ kind: 'consolidate', path: join(dir, n), name: n }, catalog, settings)).input);
  const msg = (input: unknown) => ({ id: 1, result: { input, read: 1, check: 1 }, rss: 1 });
  const time = (f: (i: number) => unknown) => {
    const best: number[] = [];
    for (let r = 0; r < 7; r++) {
      const t = performance.now();
      for (let i = 0; i < inputs.length; i++) f(i);
      best.push((performance.now() - t) / inputs.length);
    }
    return best.sort((a, b) => a - b)[1].toFixed(2);
  };
  const objs = inputs.map((x) => v8.serialize(msg(x)));
  const packs = inputs.map((x) => v8.serialize(msg(pack(x))));
  console.log(`trip, ms per file (second best of 7 rounds over ${inputs.length} files; ${load()}):`);
  console.log(`  objects: reader v8.serialize ${time((i) => v8.serialize(msg(inputs[i])))}; main v8.deserialize ${time((i) => v8.deserialize(objs[i]))}; ${(objs[0].length / 1024).toFixed(0)} KB`);
  console.log(
    `  packed:  reader pack + v8.serialize ${time((i) => v8.serialize(msg(pack(inputs[i]))))} (pack ${time((i) => pack(inputs[i]))}); ` +
      `main v8.deserialize + unpack ${time((i) => unpack((v8.deserialize(packs[i]) as { result: { input: Parameters<typeof unpack>[0] } }).result.input))}; ${(packs[0].length / 1024).toFixed(0)} KB`,
  );
}

async function main() {
  if (!dir) throw new Error('usage: npx tsx bench/readerWire.ts DIR [--dist PATH] [--files N] [--trip-only]');
  const all = readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort();
  const names = all.slice(0, Number(opt('files') ?? all.length));
  if (!argv.includes('--trip-only')) await pool(names);
  if (!argv.includes('--pool-only')) await trip(names);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * bench:page-consolidate — the task pane's 汇总 in file mode, in headless Chromium (Debian's, never a
 * downloaded one), on generated submissions:
 *
 *   npm run bench:page-consolidate [-- --files 50 --tasks 300 --lines 2 --runs 1 --dist DIR --corpus DIR --only main|workers --save DIR]
 *
 * 1. The corpus (not timed): bench/consolidate.ts --generate (one committee and one work point per
 *    submission, `tasks` tasks and `lines` budget lines each); the page gets the same outline and
 *    settings in its saved settings (localStorage), as after 使用此要点.
 * 2. The production build (or --dist DIR) served on 127.0.0.1; for each way of reading — the main
 *    thread (this browser's Worker removed: the page's fallback) and the reader workers — the files
 *    are chosen, 汇总并下载汇总表 clicked, and the page's marks give the time from the click to the
 *    files read and checked, and to the summary written (downloaded). Prints the worker count.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { parseCatalog } from '../src/core/catalog/parse';
import { defaultSettings } from '../src/core/plan/settings';
import { buildAddin, CHROMIUM_ARGS, findChromium } from '../tests/e2e/build';
import { serveDir } from '../tests/e2e/serve';
import { benchOutline } from './outline';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const FILES = Number(arg('files') ?? 50);
const TASKS = Number(arg('tasks') ?? 300);
const LINES = Number(arg('lines') ?? 2);
const RUNS = Number(arg('runs') ?? 1);

interface Run {
  checked: number;
  done: number;
  workers: number;
  message: string;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'bench-page-consolidate-'));
  // --corpus DIR: generate into DIR once and reuse it (kept); default: a temp dir, removed.
  const corpus = arg('corpus') ?? join(dir, 'corpus');
  mkdirSync(corpus, { recursive: true });
  const given = arg('dist');
  let dist = given ?? '';
  try {
    console.log(`bench:page-consolidate — ${FILES} submissions × ${TASKS} tasks × ${LINES} budget lines, file mode in headless Chromium (generating, not timed…)`);
    if (!readdirSync(corpus).some((f) => f.endsWith('.xlsx')))
      execFileSync(resolve(__dirname, '../node_modules/.bin/tsx'), [resolve(__dirname, 'consolidate.ts'), '--generate', corpus, '--files', String(FILES), '--tasks', String(TASKS), '--lines', String(LINES)], { stdio: 'inherit' });
    const paths = readdirSync(corpus).filter((f) => f.endsWith('.xlsx')).sort().map((f) => join(corpus, f));
    const catalog = parseCatalog(benchOutline(FILES));
    const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省', year: 2023 });
    if (!given) {
      const t = Date.now();
      dist = buildAddin();
      console.log(`  production build: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    const server = await serveDir(dist);
    const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
    try {
      // --only main|workers: one way of reading (e.g. a build from before the reader workers).
      const only = arg('only');
      const results: Record<string, Run[]> = only === 'main' ? { 'main thread': [] } : only === 'workers' ? { workers: [] } : { 'main thread': [], workers: [] };
      for (let k = 0; k < RUNS; k++)
        for (const mode of Object.keys(results)) {
          const context = await browser.newContext({ viewport: { width: 320, height: 900 }, acceptDownloads: true, locale: 'zh-CN' });
          await context.addInitScript(
            ([saved, noWorkers]) => {
              localStorage.setItem('plan-budget.taskpane.v1', saved);
              if (noWorkers) Object.defineProperty(window, 'Worker', { value: undefined, configurable: true });
            },
            [JSON.stringify({ catalog, settings }), mode === 'main thread'] as const,
          );
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(e.message));
          await page.goto(`${server.url}/taskpane.html?tab=consolidate`);
          await page.getByTestId('submission-files').setInputFiles(paths);
          await page.getByText(`已选 ${paths.length} 个文件`).waitFor();
          const t0 = performance.now();
          const [download] = await Promise.all([page.waitForEvent('download', { timeout: 600_000 }), page.getByRole('button', { name: '汇总并下载汇总表' }).click()]);
          const wall = performance.now() - t0;
          // --save DIR: keep each summary (e.g. to open it, or check it with ../shared/ooxml-check).
          if (arg('save')) await download.saveAs(join(arg('save')!, `summary-${mode === 'workers' ? 'workers' : 'main'}-${k + 1}.xlsx`));
          else await download.path();
          const message = (await page.getByText(/^汇总完成/).first().textContent({ timeout: 60_000 })) ?? '';
          // The page's marks (a build without them — before this bench — gives only the click → download time).
          // (no named functions in here: tsx would wrap them in a helper the page does not have)
          const run = await page.evaluate((w) => {
            const [start, checked, done] = ['pb:consolidate:start', 'pb:consolidate:checked', 'pb:consolidate:done'].map((n) => performance.getEntriesByName(n)[0] as PerformanceMark | undefined);
            if (!start || !checked || !done) return { checked: NaN, done: w, workers: 0 };
            return { checked: checked.startTime - start.startTime, done: done.startTime - start.startTime, workers: (checked.detail as { workers: number }).workers };
          }, wall);
          if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
          results[mode].push({ ...run, message });
          await context.close();
        }
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      const best = (runs: Run[]) => [...runs].sort((a, b) => a.done - b.done)[Math.floor(runs.length / 2)];
      console.log(`  (click → files read and checked → summary written and downloaded; ${RUNS > 1 ? `median of ${RUNS} runs` : 'one run'})`);
      for (const [mode, runs] of Object.entries(results)) {
        const r = best(runs);
        console.log(`  ${mode.padEnd(12)} ${Number.isNaN(r.checked) ? `click → download ${s(r.done)} (a build without the page's marks)` : `read + check ${s(r.checked)}, summary ${s(r.done)} (consolidate + render + download ${s(r.done - r.checked)})`}; reader workers: ${r.workers}`);
      }
      if (only) return;
      const a = best(results['main thread']);
      const b = best(results.workers);
      console.log(`  workers vs main thread: read + check ${(a.checked / b.checked).toFixed(2)}× faster, to the summary ${(a.done / b.done).toFixed(2)}× (navigator.hardwareConcurrency here: ${b.workers} workers)`);
      console.log(`  same summary both ways: ${a.message === b.message ? 'yes' : `NO — main thread "${a.message}", workers "${b.message}"`} (${b.message})`);
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (!given && dist) rmSync(dist, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/** plan-budget consolidate: submissions (files or a folder) → the summary workbook, with a short report. */
import * as zlib from 'zlib';
import { existsSync, statSync } from 'fs';
import { basename, dirname } from 'path';
import { CONSOLIDATE_MESSAGES as M } from '../../i18n/consolidate';
import { consolidate } from '../../core/consolidate';
import type { ConsolidationInput, PreviousSummary, SummaryModel } from '../../core/consolidate';
import type { Catalog } from '../../core/catalog/types';
import type { Settings } from '../../core/plan/types';
import { describeSummaryWorkbook, describeSummaryWorkbookLazy, summaryFileName } from '../../core/sheets/summaryWorkbook';
import { crc32Update, renderWorkbookFast } from '../../hosts/xlsx/fastWrite';
import type { PartCompressor } from '../../hosts/xlsx/fastWrite';
import { SUMMARY_SHEETS } from '../../core/sheets/summaryWorkbook';
import { CliError } from '../context';
import type { CliContext } from '../context';
import type { CliCommand } from './types';
import type { ParsedArgs } from '../args';
import { ReaderPool, readerCount } from '../readerPool';
import { readInput, workerFailure } from './consolidate.read';
import { inflateRaw } from '../inflate';
import { where } from './validate';
import { defaultSecretFile } from '../secret';
import { checkOutputFolder, collectInputs, InputFileError, inputErrorText, readInputFile, sameFile, reportSkipped, writeFileAtomic } from '../files';
import type { CollectedInputs } from '../files';

/**
 * The modules that load excelts (the summary's writer, the --previous reader): loaded on first use,
 * not with the CLI — every command paid ~0.5 s for excelts before doing anything. consolidateFiles
 * starts loading them while its reader processes start, so a run does not wait for them.
 */
let exceltsModules: Promise<{ renderWorkbook: typeof import('../../hosts/xlsx').renderWorkbook; readPreviousSummaryFile: typeof import('../../hosts/xlsx/fastRead').readPreviousSummaryFile }> | undefined;
function excelts() {
  return (exceltsModules ??= Promise.all([import('../../hosts/xlsx'), import('../../hosts/xlsx/fastRead')]).then(([x, f]) => ({ renderWorkbook: x.renderWorkbook, readPreviousSummaryFile: f.readPreviousSummaryFile })));
}

/**
 * The inputs of a run: regular .xlsx files named or in the folders named (src/cli/files.ts), with the
 * previous summary and the output left out when they are summaries of ours. An output path that is
 * another input (a committee's submission, or any file that is not one of our summaries) is refused
 * before any work: the run never overwrites what it reads.
 */
export async function planInputs(ctx: CliContext, items: string[], out: string, prevPath?: string): Promise<CollectedInputs> {
  for (const it of items) {
    try {
      statSync(ctx.path(it));
    } catch {
      // a missing input or folder the user named: say so before any work
      throw new CliError(ctx.t(M.fileMissing, { file: it }));
    }
  }
  const got = collectInputs(items.map((it) => ctx.path(it)));
  const drop = new Set<string>();
  if (prevPath) for (const f of got.files) if (sameFile(f, prevPath)) drop.add(f);
  for (const f of got.files) {
    if (drop.has(f) || !sameFile(f, out)) continue;
    let summary = false;
    try {
      summary = (await (await excelts()).readPreviousSummaryFile(readInputFile(f), { inflate: inflateRaw })).previous !== undefined;
    } catch {
      /* not readable as a summary */
    }
    if (!summary) throw new CliError(ctx.t(M.outputIsInput, { out: f }));
    drop.add(f);
  }
  const files = got.files.filter((f) => !drop.has(f));
  if (!files.length) throw new CliError(ctx.t(M.noWorkbooks, { dir: items.join('、') }));
  return { ...got, files };
}

export { readInput, slimInput } from './consolidate.read';

export interface ConsolidateTimings {
  read: number;
  check: number;
  consolidate: number;
  render: number;
}

/**
 * Read and check every file in the pool of reader processes (src/cli/readerPool.ts): each file in
 * isolation — one that passes the memory or time limit, or kills its reader, is refused naming the
 * limit, and the run goes on with the others.
 */
async function readInPool(
  files: { path: string; name?: string }[],
  catalog: Catalog,
  settings: Settings,
  n: number,
  inputs: ConsolidationInput[],
  timings: ConsolidateTimings,
  onFile?: (name: string) => void,
  started?: ReaderPool,
): Promise<void> {
  const pool = started ?? new ReaderPool(catalog, settings, { size: n, kind: 'consolidate' });
  try {
    await Promise.all(
      files.map(async (f, i) => {
        const name = f.name ?? basename(f.path);
        const o = await pool.run({ kind: 'consolidate', path: f.path, name });
        if (o.ok) {
          timings.read += o.value.read;
          timings.check += o.value.check;
          inputs[i] = o.value.input;
        } else inputs[i] = workerFailure(name, o.failure);
        onFile?.(name);
      }),
    );
  } finally {
    await pool.close();
  }
}

/** Read, check and consolidate files; render the summary. Used by the command and bench/consolidate. */
export async function consolidateFiles(
  files: { path: string; name?: string }[],
  catalog: Catalog,
  settings: Settings,
  opts: {
    previous?: PreviousSummary | null;
    generatedAt?: string;
    onFile?: (name: string) => void;
    tables?: boolean;
    fastFrom?: number;
    keepRaw?: boolean;
    workers?: number;
    secret?: string;
    /** Reader processes started already (the command starts them before its other work): used, then closed. */
    pool?: ReaderPool;
  } = {},
): Promise<{ model: SummaryModel; bytes: Uint8Array; timings: ConsolidateTimings; workers: number }> {
  const timings: ConsolidateTimings = { read: 0, check: 0, consolidate: 0, render: 0 };
  const inputs: ConsolidationInput[] = new Array(files.length);
  const tRead = performance.now();
  // excelts loads while the readers start (its ~0.5 s of module loading would otherwise come before them or after them)
  void excelts().catch(() => undefined);
  // Reader processes by default (the CLI); `workers: 0` reads in this process (tests, --keepRaw).
  const used = opts.keepRaw ? 0 : opts.workers === undefined ? readerCount(files.length) : Math.min(opts.workers, files.length);
  if (used > 0) await readInPool(files, catalog, settings, used, inputs, timings, opts.onFile, opts.pool);
  else {
    await opts.pool?.close();
    // In process: files are read a few at a time (decompression runs off the main thread), checked as
    // they come; the order of `inputs` stays the order of `files`.
    let next = 0;
    const reader = async () => {
      while (next < files.length) {
        const i = next++;
        const f = files[i];
        const name = f.name ?? basename(f.path);
        const r = await readInput(f.path, name, catalog, settings);
        // Consolidation does not need the raw rows once checked: let them go (memory).
        const input = r.input;
        if (input.outcome.kind === 'checked' && !opts.keepRaw) input.outcome.raw = { ...input.outcome.raw, tasks: [], budgetLines: [], milestones: [] };
        inputs[i] = input;
        timings.check += r.check;
        opts.onFile?.(name);
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, files.length) }, reader));
  }
  // Checking is synchronous and measured exactly; reading is the rest of the phase's wall time
  // (files are read concurrently, so per-file read times would overlap). With reader processes, read
  // and check run in parallel: their summed times are scaled to the phase's wall time.
  const wall = performance.now() - tRead;
  if (used === 0) timings.read = Math.max(0, wall - timings.check);
  const sum = timings.read + timings.check;
  if (sum > 0) {
    timings.read = (timings.read / sum) * wall;
    timings.check = (timings.check / sum) * wall;
  }
  let t = performance.now();
  const model = consolidate(inputs, catalog, settings, { previous: opts.previous ?? null, generatedAt: opts.generatedAt, secret: opts.secret });
  timings.consolidate = performance.now() - t;
  inputs.length = 0; // the checked submissions are no longer needed: free them before rendering
  t = performance.now();
  const bytes = await renderSummary(model, catalog, settings, { tables: opts.tables, fastFrom: opts.fastFrom });
  timings.render = performance.now() - t;
  return { model, bytes, timings, workers: used };
}

const nodeCrc32 = (zlib as unknown as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
// level 1: the fastest of zlib's levels on the summary (1.2 s of CPU for its 171 MB of XML, level 2 1.4 s,
// level 3 1.8 s). chunkSize: room for a 1 MB chunk's output (at level 1 about a sixth of it) in one call.
const DEFLATE = { level: 1, chunkSize: 1 << 18 };

/**
 * Node's zlib for the fast writer: one raw deflate stream per part, fed chunk by chunk and run in
 * libuv's thread pool while the main thread writes the next rows; each chunk is released to the
 * writer's pool once deflated. (One stream per part rather than a deflate call per chunk: no zlib
 * state set up and torn down per megabyte, and one stream at a time is all a second core can run
 * beside the writer anyway.)
 */
export function nodeCompressor(): PartCompressor {
  const z = zlib.createDeflateRaw(DEFLATE);
  const data: Uint8Array[] = [];
  z.on('data', (b: Buffer) => data.push(new Uint8Array(b.buffer, b.byteOffset, b.length)));
  const ended = new Promise<void>((res, rej) => {
    z.on('end', res);
    z.on('error', rej);
  });
  let crc = 0;
  let size = 0;
  return {
    write(chunk, release) {
      crc = nodeCrc32 ? nodeCrc32(chunk, crc) : crc32Update(crc, chunk);
      size += chunk.length;
      z.write(chunk, release ? () => release() : undefined);
    },
    async end() {
      z.end();
      await ended;
      return { data, crc: crc >>> 0, size };
    },
  };
}

/** Rows (tasks + budget lines + findings) from which the large sheets are written by the fast path. */
export const FAST_FROM = 5000;

/**
 * Render the summary: through excelts, or — from `fastFrom` rows on — with the cells of the large
 * sheets (任务汇总, 预算汇总, 问题清单, 进度, _summary) written by hosts/xlsx/fastWrite (their tables
 * become auto filters).
 */
export async function renderSummary(model: SummaryModel, catalog: Catalog, settings: Settings, opts: { tables?: boolean; fastFrom?: number } = {}): Promise<Uint8Array> {
  const { renderWorkbook } = await excelts();
  const rows = model.tasks.length + model.budgetLines.length + model.findings.length;
  const fast = rows >= (opts.fastFrom ?? FAST_FROM);
  if (!fast) return renderWorkbook(describeSummaryWorkbook(model, catalog, settings, { tables: opts.tables }));
  // The large blocks stay lazy: their rows are made as they are written.
  const { spec, lazy } = describeSummaryWorkbookLazy(model, catalog, settings, { tables: false });
  const S = SUMMARY_SHEETS;
  // excelts' parts are stored, not deflated: fastWrite unzips them and deflates them again with the rest.
  return renderWorkbookFast(spec, [S.tasks, S.lines, S.findings, S.timeline, S.machine], (s) => renderWorkbook(s, { level: 0 }), { compressor: nodeCompressor, lazy });
}

/**
 * The previous summary given by --previous, read through the fast reader (only its hidden _summary
 * sheet). A file that is not a summary of ours, or cannot be read, stops the command with a zh/en
 * line naming it (exit 2, no summary written): the secretariat asked for 变更 and should not get a
 * summary silently without it.
 */
async function readPrevious(ctx: CliContext, path: string, given: string): Promise<PreviousSummary> {
  let bytes: Uint8Array;
  try {
    bytes = readInputFile(path);
  } catch (e) {
    const error = e instanceof InputFileError ? inputErrorText(e)[ctx.lang] : (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new CliError(ctx.t(M.previousUnreadable, { file: given, error }));
  }
  const r = await (await excelts()).readPreviousSummaryFile(bytes, { inflate: inflateRaw });
  if (r.previous) return r.previous;
  const msg = { notXlsx: M.previousNotXlsx, unreadable: M.previousDamaged, planWorkbook: M.previousPlanWorkbook, notSummary: M.previousNotSummary }[r.problem];
  throw new CliError(ctx.t(msg, { file: given }));
}

const fmtNum = (x: number) => String(Number(x.toFixed(6)));

/** The command once its readers are starting: check the output, list the inputs, consolidate, write, report. */
async function runConsolidate(ctx: CliContext, args: ParsedArgs, catalog: Catalog, settings: Settings, pool: ReaderPool): Promise<number> {
  const out = ctx.path(typeof args.options.out === 'string' ? args.options.out : summaryFileName(settings.year));
  const prevPath = typeof args.options.previous === 'string' ? ctx.path(args.options.previous) : undefined;
  const previous = prevPath ? await readPrevious(ctx, prevPath, args.options.previous as string) : null;
  // The output's folder must take a new file, and the output must not be an input: both before any work.
  if (existsSync(out) && statSync(out).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR', syscall: 'open', path: out });
  checkOutputFolder(dirname(out));
  const got = await planInputs(ctx, args.positionals, out, prevPath);
  reportSkipped(ctx, got);
  const files = got.files;
  // The secretariat's secret checks each workbook's committee token (never made here: see src/cli/secret.ts).
  const secret = ctx.secret(false);
  const bar = ctx.progress(files.length, 'consolidate');
  const { model, bytes } = await consolidateFiles(files.map((path) => ({ path })), catalog, settings, { previous, onFile: (n) => bar.tick(n), secret: secret?.secret, pool });
  bar.done();
  writeFileAtomic(out, bytes);
  const T = model.totals;
  ctx.out(ctx.t(M.report, { files: T.files, accepted: T.accepted, refused: T.refused, replaced: T.replaced, missing: T.missing, tasks: T.tasks, drafts: T.drafts, lines: T.budgetLines, budget: fmtNum(T.budget), unit: model.unit, errors: T.errors, warnings: T.warnings, infos: T.infos, out }));
  if (!secret) ctx.out(ctx.t('secretNone', { file: defaultSecretFile(ctx.io.env ?? process.env) }));
  const refused = model.roster.filter((r) => r.status === '已拒收');
  if (refused.length) {
    ctx.out(ctx.t(M.refusedHead));
    for (const r of refused) ctx.out(ctx.t(M.refusedLine, { file: r.fileName, reason: r.reason ? r.reason[ctx.lang] : '' }));
  }
  for (const r of model.roster.filter((x) => x.status === '被替换')) ctx.out(ctx.t(M.replacedLine, { file: r.fileName, reason: r.reason ? r.reason[ctx.lang] : '' }));
  const missing = model.roster.filter((r) => r.status === '未提交').map((r) => r.committee);
  if (missing.length) ctx.out(ctx.t(M.missingLine, { list: missing.join('、') }));
  for (const c of model.byCommittee.filter((x) => x.over)) ctx.out(ctx.t(M.overLine, { committee: c.committee, budget: fmtNum(c.budget), ceiling: fmtNum(c.ceiling ?? 0), unit: model.unit }));
  if (model.changes) {
    const k = (kind: string) => model.changes!.tasks.filter((x) => x.kind === kind).length;
    ctx.out(ctx.t(M.changesLine, { added: k('added'), removed: k('removed'), changed: k('changed') }));
  }
  const top = model.findings.filter((f) => f.severity === 'error' && !f.code.startsWith('consolidate.') && !f.code.startsWith('file.')).slice(0, 5);
  if (top.length) {
    ctx.out(ctx.t(M.topFindings, { n: top.length }));
    for (const f of top) ctx.out(ctx.t(M.topLine, { severity: ctx.t(f.severity === 'error' ? 'sevError' : f.severity === 'warning' ? 'sevWarning' : 'sevInfo'), file: f.file, where: where(f), message: f.message[ctx.lang] }));
  }
  return refused.length ? 1 : 0;
}

export const consolidateCommand: CliCommand = {
  name: 'consolidate',
  aliases: ['summary'],
  summary: M.consolidateSummary,
  help: M.consolidateHelp,
  options: { values: ['out', 'previous'], flags: [], short: { o: 'out' } },
  async run(ctx: CliContext, args) {
    if (!args.positionals.length) throw new CliError(ctx.t(M.noInputs));
    const catalog = ctx.catalog();
    const settings = ctx.settings();
    // The reader processes start now (they need only the catalog and settings): they load and warm
    // up while this process reads the previous summary and lists the inputs.
    const pool = new ReaderPool(catalog, settings, { size: readerCount(Infinity), kind: 'consolidate' });
    void pool.warm();
    try {
      return await runConsolidate(ctx, args, catalog, settings, pool);
    } finally {
      await pool.close();
    }
  },
};

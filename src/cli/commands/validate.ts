/** plan-budget validate: read filled workbooks, run the validation engine, print a table of findings. */
import { basename, join, resolve } from 'path';
import { CLI_MESSAGES } from '../../i18n/cli';
import type { Lang } from '../../i18n/cli';
import { patchWorkbook } from '../../hosts/xlsx/patch';
import { RECALC_PENDING_ENTRIES, rewriteFixes } from '../../core/validate/fixes';
import { SHEET_NAMES } from '../../core/sheets/columns';
import type { Finding } from '../../core/validate/types';
import { CliError } from '../context';
import type { CliContext } from '../context';
import type { CliCommand } from './types';
import { checkOutputFolder, makeFolder, collectInputs, readInputFile, reportSkipped, unreadableFinding, writeFileAtomic } from '../files';
import { ReaderPool, readerCount } from '../readerPool';
import type { ReaderOutcome } from '../readerPool';
import type { ValidateResult } from '../readerJobs';
import { workerFailure } from './consolidate.read';

/** Display width: CJK characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u3000-\u303f\u201c\u201d\u2018\u2019\u2014\u2026]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));

export function where(f: Finding): string {
  const cell = f.column && f.row ? `${f.column}${f.row}` : f.row ? `第${f.row}行` : f.column ? `${f.column}列` : '';
  return [f.sheet, cell].filter(Boolean).join('!') || '—';
}

export function findingsTable(findings: Finding[], lang: Lang, t: (k: keyof typeof CLI_MESSAGES) => string): string {
  const sev = (s: Finding['severity']) => t(s === 'error' ? 'sevError' : s === 'warning' ? 'sevWarning' : 'sevInfo');
  const rows = findings.map((f) => [sev(f.severity), where(f), f.message[lang], f.fix ? f.fix[lang] : '']);
  const head = [t('colSeverity'), t('colWhere'), t('colMessage'), t('colFix')];
  const w0 = Math.max(displayWidth(head[0]), ...rows.map((r) => displayWidth(r[0])));
  const w1 = Math.max(displayWidth(head[1]), ...rows.map((r) => displayWidth(r[1])));
  const lines = [`  ${pad(head[0], w0)}  ${pad(head[1], w1)}  ${head[2]}`];
  for (const r of rows) {
    lines.push(`  ${pad(r[0], w0)}  ${pad(r[1], w1)}  ${r[2]}`);
    if (r[3]) lines.push(`  ${pad('', w0)}  ${pad('', w1)}  → ${r[3]}`);
  }
  return lines.join('\n');
}

interface FixedCopy {
  path: string;
  changes: { sheet: string; address: string; from: string; to: string }[];
  /** Findings of the fixed copy, read back and checked again. */
  findings: Finding[];
}

/** A file's findings from its reader: a reader past a limit, or dead, is the file's refusal naming it. */
function findingsOf(o: ReaderOutcome<ValidateResult>, name: string): ValidateResult {
  if (o.ok) return o.value;
  const input = workerFailure(name, o.failure);
  return { refused: true, findings: input.outcome.kind === 'refused' ? [input.outcome.finding] : [] };
}

/** Apply the bulk-safe rewrites (core/validate/fixes.ts) to a copy of the file; nothing is written when there are none. */
async function writeFixedCopy(bytes: Uint8Array, name: string, findings: Finding[], out: string, recheck: (path: string) => Promise<Finding[]>): Promise<FixedCopy> {
  const fixes = rewriteFixes(findings);
  if (!fixes.length) return { path: out, changes: [], findings };
  const patched = await patchWorkbook(bytes, {
    cells: fixes.map(({ sheet, address, value }) => ({ sheet, address, value })),
    keyValues: { sheet: SHEET_NAMES.meta, entries: { ...RECALC_PENDING_ENTRIES } },
  });
  writeFileAtomic(out, patched);
  return {
    path: out,
    changes: fixes.map((f) => ({ sheet: f.sheet, address: f.address, from: String(f.finding.raw ?? ''), to: String(f.value) })),
    // the copy read back and checked again, in a reader process as every input
    findings: await recheck(out),
  };
}

export const validateCommand: CliCommand = {
  name: 'validate',
  aliases: ['check'],
  summary: CLI_MESSAGES.validateSummary,
  help: CLI_MESSAGES.validateHelp,
  options: { values: ['fix'], flags: ['json', 'errors-only'] },
  async run(ctx: CliContext, args) {
    // A folder stands for the regular .xlsx files in it (not recursive; Excel's ~$ lock files left out); src/cli/files.ts.
    const got = collectInputs(args.positionals.map((f) => ctx.path(f)));
    const files = got.files;
    if (!files.length) throw new CliError(ctx.t('noFiles'));
    const catalog = ctx.catalog();
    const settings = ctx.settings();
    const errorsOnly = !!args.options['errors-only'];
    const fixDir = typeof args.options.fix === 'string' ? ctx.path(args.options.fix) : null;
    if (fixDir) {
      // Copies only: an original is never overwritten.
      for (const f of files) if (resolve(ctx.path(f), '..') === resolve(fixDir)) throw new CliError(ctx.t('fixSameDir', { dir: args.options.fix as string }));
      makeFolder(fixDir);
      checkOutputFolder(fixDir);
    }
    if (!args.options.json) reportSkipped(ctx, got);
    const results: { file: string; refused: boolean; tasks: number; budgetLines: number; total: number; findings: Finding[]; fixed?: FixedCopy }[] = [];
    const bar = ctx.progress(files.length, 'validate');
    // Every file is read and checked in a reader process (src/cli/readerPool.ts): a file past the
    // memory or time limit, or one that kills its reader, is refused naming it; the others go on.
    const pool = new ReaderPool(catalog, settings, { size: readerCount(files.length), kind: 'validate' });
    try {
      const checked = await Promise.all(
        files.map(async (f) => {
          const name = basename(f);
          const r = findingsOf(await pool.run({ kind: 'validate', path: f, name }), name);
          bar.tick(name);
          return { f, name, r };
        }),
      );
      for (const { f, name, r } of checked) {
        if (r.refused) {
          results.push({ file: name, refused: true, tasks: 0, budgetLines: 0, total: 0, findings: r.findings });
          continue;
        }
        let fixed: FixedCopy | undefined;
        if (fixDir) {
          let bytes: Uint8Array;
          try {
            bytes = readInputFile(f);
          } catch (e) {
            results.push({ file: name, refused: true, tasks: 0, budgetLines: 0, total: 0, findings: [unreadableFinding(name, e)] });
            continue;
          }
          const recheck = async (path: string) => findingsOf(await pool.run({ kind: 'validate', path, name }), name).findings;
          fixed = await writeFixedCopy(bytes, name, r.findings, join(fixDir, name), recheck);
        }
        results.push({ file: name, refused: false, tasks: r.tasks, budgetLines: r.budgetLines, total: r.total, findings: r.findings, fixed });
      }
    } finally {
      await pool.close();
    }
    bar.done();
    const all = results.flatMap((r) => r.findings);
    const count = (s: Finding['severity']) => all.filter((f) => f.severity === s).length;
    const errors = count('error');
    if (args.options.json) {
      const json = results.map((r) => ({
        ...r,
        findings: errorsOnly ? r.findings.filter((f) => f.severity === 'error') : r.findings,
        fixed: r.fixed && { path: r.fixed.path, changes: r.fixed.changes, errors: r.fixed.findings.filter((f) => f.severity === 'error').length },
      }));
      ctx.out(JSON.stringify({ files: json, errors, warnings: count('warning'), infos: count('info') }, null, 2));
      return errors > 0 ? 1 : 0;
    }
    for (const r of results) {
      const shown = errorsOnly ? r.findings.filter((f) => f.severity === 'error') : r.findings;
      if (r.refused) ctx.out(ctx.t('validateRefused', { file: r.file }));
      else if (!r.findings.length) {
        ctx.out(ctx.t('validateFileOk', { file: r.file, tasks: r.tasks, lines: r.budgetLines }));
        continue;
      } else ctx.out(ctx.t('validateFileHead', { file: r.file, tasks: r.tasks, lines: r.budgetLines, total: r.total, unit: settings.budgetUnit }));
      if (shown.length) ctx.out(findingsTable(shown, ctx.lang, (k) => ctx.t(k)));
      if (r.fixed) {
        if (!r.fixed.changes.length) ctx.out(ctx.t('fixNone'));
        else {
          ctx.out(ctx.t('fixWritten', { file: r.fixed.path, n: r.fixed.changes.length }));
          for (const c of r.fixed.changes) ctx.out(`    ${c.sheet}!${c.address}：「${c.from}」→「${c.to}」`);
          const left = (s: Finding['severity']) => r.fixed!.findings.filter((f) => f.severity === s).length;
          ctx.out(ctx.t('fixLeft', { errors: left('error'), warnings: left('warning') }));
        }
      }
      ctx.out();
    }
    ctx.out(ctx.t('validateTotals', { files: results.length, errors, warnings: count('warning'), infos: count('info') }));
    return errors > 0 ? 1 : 0;
  },
};

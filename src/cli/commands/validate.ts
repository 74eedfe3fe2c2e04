/** plan-budget validate: read filled workbooks, run the validation engine, print a table of findings. */
import { basename, join, resolve } from 'path';
import { CLI_MESSAGES } from '../../i18n/cli';
import type { Lang } from '../../i18n/cli';
import { readWorkbook } from '../../hosts/xlsx';
import { errorText, failedRefusal } from '../../hosts/xlsx/read';
import { inflateRaw } from '../inflate';
import { patchWorkbook } from '../../hosts/xlsx/patch';
import { RECALC_PENDING_ENTRIES, rewriteFixes } from '../../core/validate/fixes';
import { SHEET_NAMES } from '../../core/sheets/columns';
import type { Finding } from '../../core/validate/types';
import type { Catalog } from '../../core/catalog/types';
import type { RawSubmission, Settings, Submission } from '../../core/plan/types';
import { CliError } from '../context';
import type { CliContext } from '../context';
import type { CliCommand } from './types';
import { checkOutputFolder, makeFolder, collectInputs, readInputFile, reportSkipped, unreadableFinding, writeFileAtomic } from '../files';

type Check = (raw: RawSubmission, catalog: Catalog, settings: Settings) => { submission: Submission; findings: Finding[] };

/** The validation engine, loaded lazily (it lives in core/validate). */
async function loadCheck(): Promise<Check> {
  const mod = await import('../../core/validate');
  return mod.checkSubmission;
}

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

/** Apply the bulk-safe rewrites (core/validate/fixes.ts) to a copy of the file; nothing is written when there are none. */
async function writeFixedCopy(bytes: Uint8Array, name: string, findings: Finding[], out: string, recheck: (raw: RawSubmission) => Finding[]): Promise<FixedCopy> {
  const fixes = rewriteFixes(findings);
  if (!fixes.length) return { path: out, changes: [], findings };
  const patched = await patchWorkbook(bytes, {
    cells: fixes.map(({ sheet, address, value }) => ({ sheet, address, value })),
    keyValues: { sheet: SHEET_NAMES.meta, entries: { ...RECALC_PENDING_ENTRIES } },
  });
  writeFileAtomic(out, patched);
  const back = await readWorkbook(patched, name);
  return {
    path: out,
    changes: fixes.map((f) => ({ sheet: f.sheet, address: f.address, from: String(f.finding.raw ?? ''), to: String(f.value) })),
    findings: back.refusal ? [back.refusal] : recheck(back.raw),
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
    const check = await loadCheck();
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
    for (const f of files) {
      const name = basename(f);
      let bytes: Uint8Array;
      try {
        bytes = readInputFile(f);
      } catch (e) {
        results.push({ file: name, refused: true, tasks: 0, budgetLines: 0, total: 0, findings: [unreadableFinding(name, e)] });
        bar.tick(name);
        continue;
      }
      const r = await readWorkbook(bytes, name, { inflate: inflateRaw, limits: settings.limits });
      let checked: ReturnType<typeof check> | undefined;
      try {
        if (!r.refusal) checked = check(r.raw, catalog, settings);
      } catch (e) {
        // one file's failure is that file's refusal: the others are still checked
        r.refusal = failedRefusal(name, errorText(e)).refusal as typeof r.refusal;
      }
      if (r.refusal || !checked) {
        results.push({ file: name, refused: true, tasks: 0, budgetLines: 0, total: 0, findings: [r.refusal!] });
      } else {
        const { submission, findings } = checked;
        const total = submission.budgetLines.reduce((s, l) => s + (l.amount ?? 0), 0);
        const fixed = fixDir ? await writeFixedCopy(bytes, name, findings, join(fixDir, name), (raw) => check(raw, catalog, settings).findings) : undefined;
        results.push({ file: name, refused: false, tasks: submission.tasks.length, budgetLines: submission.budgetLines.length, total: Math.round(total * 10000) / 10000, findings, fixed });
      }
      bar.tick(name);
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

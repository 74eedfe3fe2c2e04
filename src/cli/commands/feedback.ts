/** plan-budget feedback: the 退回意见 copy of one submission (findings as cell notes + 修改意见 sheet). */
import { basename, dirname, join } from 'path';
import { CONSOLIDATE_MESSAGES as M } from '../../i18n/consolidate';
import { describeFeedbackWorkbook, feedbackFileName } from '../../core/sheets/feedbackWorkbook';
import { checkSubmission } from '../../core/validate';
import { readWorkbook, renderWorkbook } from '../../hosts/xlsx';
import { errorText, failedRefusal } from '../../hosts/xlsx/read';
import { inflateRaw } from '../inflate';
import { CliError } from '../context';
import type { CliContext } from '../context';
import type { CliCommand } from './types';
import { checkOutputFolder, InputFileError, inputErrorText, readInputFile, sameFile, writeFileAtomic } from '../files';

export const feedbackCommand: CliCommand = {
  name: 'feedback',
  aliases: ['return'],
  summary: M.feedbackSummary,
  help: M.feedbackHelp,
  options: { values: ['out'], flags: [], short: { o: 'out' } },
  async run(ctx: CliContext, args) {
    if (args.positionals.length !== 1) throw new CliError(ctx.t(M.feedbackOne));
    const path = ctx.path(args.positionals[0]);
    const name = basename(path);
    let bytes: Uint8Array;
    try {
      bytes = readInputFile(path);
    } catch (e) {
      if (e instanceof InputFileError && e.kind !== 'fs') throw new CliError(ctx.t(M.feedbackRefused, { file: name, reason: inputErrorText(e)[ctx.lang] }));
      throw new CliError(ctx.t(M.fileMissing, { file: args.positionals[0] }) + ` (${(e as InputFileError).detail?.code ?? ''})`);
    }
    const out = ctx.path(typeof args.options.out === 'string' ? args.options.out : join(dirname(path), feedbackFileName(name)));
    if (sameFile(out, path)) throw new CliError(ctx.t(M.feedbackSameFile, { file: args.positionals[0] }));
    checkOutputFolder(dirname(out));
    const catalog = ctx.catalog();
    const settings = ctx.settings();
    const read = await readWorkbook(bytes, name, { inflate: inflateRaw, limits: settings.limits });
    let checked: ReturnType<typeof checkSubmission> | undefined;
    try {
      if (!read.refusal) checked = checkSubmission(read.raw, catalog, settings);
    } catch (e) {
      read.refusal = failedRefusal(name, errorText(e)).refusal as typeof read.refusal;
    }
    if (read.refusal || !checked) {
      const r = read.refusal!;
      ctx.err(ctx.t(M.feedbackRefused, { file: name, reason: r.message[ctx.lang] + (r.fix ? ' ' + r.fix[ctx.lang] : '') }));
      return 1;
    }
    const { submission, findings } = checked;
    const committee = catalog.committees.find((c) => c.id === submission.committeeId)?.name;
    writeFileAtomic(out, await renderWorkbook(describeFeedbackWorkbook(read.raw, findings, { committee })));
    const n = (s: string) => findings.filter((f) => f.severity === s).length;
    ctx.out(ctx.t(M.feedbackWritten, { out, errors: n('error'), warnings: n('warning'), infos: n('info') }));
    return 0;
  },
};

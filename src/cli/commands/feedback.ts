/** plan-budget feedback: the 退回意见 copy of one submission (findings as cell notes + 修改意见 sheet). */
import { basename, dirname, join } from 'path';
import { CONSOLIDATE_MESSAGES as M } from '../../i18n/consolidate';
import { feedbackFileName } from '../../core/sheets/feedbackWorkbook';
import { CliError } from '../context';
import type { CliContext } from '../context';
import type { CliCommand } from './types';
import { checkOutputFolder, InputFileError, inputErrorText, checkInputFile, sameFile, writeFileAtomic } from '../files';
import { ReaderPool } from '../readerPool';
import { workerFailure } from './consolidate.read';

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
    try {
      // opened and size-checked here (a clear line for a missing or odd file); read in the reader process
      checkInputFile(path);
    } catch (e) {
      if (e instanceof InputFileError && e.kind !== 'fs') throw new CliError(ctx.t(M.feedbackRefused, { file: name, reason: inputErrorText(e)[ctx.lang] }));
      throw new CliError(ctx.t(M.fileMissing, { file: args.positionals[0] }) + ` (${(e as InputFileError).detail?.code ?? ''})`);
    }
    const out = ctx.path(typeof args.options.out === 'string' ? args.options.out : join(dirname(path), feedbackFileName(name)));
    if (sameFile(out, path)) throw new CliError(ctx.t(M.feedbackSameFile, { file: args.positionals[0] }));
    checkOutputFolder(dirname(out));
    const catalog = ctx.catalog();
    const settings = ctx.settings();
    // Read, checked and the copy rendered in a reader process (src/cli/readerPool.ts): past the
    // memory or time limit, or if the reader dies, the file is refused naming why; never a crash.
    const pool = new ReaderPool(catalog, settings, { size: 1, kind: 'feedback' });
    let o: Awaited<ReturnType<typeof pool.run<'feedback'>>>;
    try {
      o = await pool.run({ kind: 'feedback', path, name });
    } finally {
      await pool.close();
    }
    const r = o.ok ? o.value : { refusal: (workerFailure(name, o.failure).outcome as { finding: import('../../core/validate/types').Finding }).finding };
    if ('refusal' in r) {
      ctx.err(ctx.t(M.feedbackRefused, { file: name, reason: r.refusal.message[ctx.lang] + (r.refusal.fix ? ' ' + r.refusal.fix[ctx.lang] : '') }));
      return 1;
    }
    writeFileAtomic(out, r.bytes);
    ctx.out(ctx.t(M.feedbackWritten, { out, errors: r.errors, warnings: r.warnings, infos: r.infos }));
    return 0;
  },
};

/** plan-budget report: the 汇编 document (.docx) from a summary workbook, or from a folder of submissions. */
import * as zlib from 'zlib';
import { statSync } from 'fs';
import { dirname } from 'path';
import { REPORT_MESSAGES as M, compilationFileName } from '../../i18n/report';
import { describeCompilation, money } from '../../core/report/compilation';
import { reportInputFromModel, reportInputFromSummarySheets } from '../../core/report/input';
import type { ReportInput } from '../../core/report/input';
import { SUMMARY_SHEETS } from '../../core/sheets/summaryWorkbook';
import { readSheetsFast } from '../../hosts/xlsx/fastGrid';
import { CliError } from '../context';
import type { CliContext } from '../context';
import { checkOutputFolder, InputFileError, inputErrorText, readInputFile, reportSkipped, writeFileAtomic } from '../files';
import type { CliCommand } from './types';
import { consolidateFiles, planInputs } from './consolidate';

const inflate = (data: Uint8Array): Uint8Array => {
  const out = zlib.inflateRawSync(data);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
};

const SHEETS = [SUMMARY_SHEETS.machine, SUMMARY_SHEETS.tasks, SUMMARY_SHEETS.lines, SUMMARY_SHEETS.timeline, SUMMARY_SHEETS.committees, SUMMARY_SHEETS.findings];

export const reportCommand: CliCommand = {
  name: 'report',
  aliases: ['compile'],
  summary: M.reportSummary,
  help: M.reportHelp,
  options: { values: ['out'], flags: [], short: { o: 'out' } },
  async run(ctx: CliContext, args) {
    if (args.positionals.length !== 1) throw new CliError(ctx.t(M.reportOne));
    const given = args.positionals[0];
    const path = ctx.path(given);
    const catalog = ctx.catalog();
    const settings = ctx.settings();
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      /* readInputFile below says what is wrong */
    }
    const out = ctx.path(typeof args.options.out === 'string' ? args.options.out : compilationFileName(settings.year));
    checkOutputFolder(dirname(out));
    let input: ReportInput;
    if (isDir) {
      const got = await planInputs(ctx, [given], out);
      reportSkipped(ctx, got);
      const { model } = await consolidateFiles(got.files.map((p) => ({ path: p })), catalog, settings, { secret: ctx.secret(false)?.secret });
      input = reportInputFromModel(model);
    } else {
      let bytes: Uint8Array;
      try {
        bytes = readInputFile(path);
      } catch (e) {
        throw new CliError(e instanceof InputFileError ? `${given}：${inputErrorText(e)[ctx.lang]}` : (e as Error).message);
      }
      const fast = await readSheetsFast(bytes, SHEETS, inflate);
      const read = fast ? reportInputFromSummarySheets(fast.sheets, catalog, settings.organisation) : null;
      if (!read) throw new CliError(ctx.t(M.reportNotSummary, { file: given }));
      input = read;
    }
    const spec = describeCompilation(input, catalog);
    writeFileAtomic(out, await (await import('../../hosts/docx/render')).renderDocument(spec));
    const budget = input.lines.reduce((s, l) => s + (l.amount ?? 0), 0);
    ctx.out(ctx.t(M.reportWritten, { out, tasks: input.tasks.filter((t) => !t.draft).length, budget: money(budget), unit: input.unit }));
    return 0;
  },
};

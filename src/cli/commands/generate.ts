/** plan-budget generate: one workbook per committee into a folder. */
import { join } from 'path';
import { CLI_MESSAGES } from '../../i18n/cli';
import { committeeWorkbookFileName, describeCommitteeWorkbook } from '../../core/sheets/committeeWorkbook';
import type { Catalog, Committee } from '../../core/catalog/types';
import { needsRegion } from '../../core/catalog';
import { CliError } from '../context';
import type { CliContext } from '../context';
import type { CliCommand } from './types';
import { checkOutputFolder, makeFolder, writeFileAtomic } from '../files';

export function resolveCommittee(catalog: Catalog, name: string, region = ''): Committee | undefined {
  const n = name.trim();
  return catalog.committees.find((c) => c.id === n || c.name === n || c.fullName.replace('{{region}}', region) === n || c.fullName.endsWith(n));
}

export const generateCommand: CliCommand = {
  name: 'generate',
  aliases: ['gen'],
  summary: CLI_MESSAGES.generateSummary,
  help: CLI_MESSAGES.generateHelp,
  options: { values: ['committee', 'out', 'region'], flags: ['all'], short: { o: 'out', c: 'committee' } },
  async run(ctx: CliContext, args) {
    const catalog = ctx.catalog();
    const region = typeof args.options.region === 'string' ? args.options.region.trim() : undefined;
    const settings = region ? { ...ctx.settings(), region } : ctx.settings();
    const names = args.all.committee ?? [];
    let committees: Committee[];
    if (names.length && !args.options.all) {
      committees = names.map((n) => {
        const c = resolveCommittee(catalog, n, settings.region);
        if (!c) throw new CliError(ctx.t('unknownCommittee', { name: n, list: catalog.committees.map((x) => `${x.name}(${x.id})`).join('、') }));
        return c;
      });
    } else committees = catalog.committees;
    const dir = ctx.path(typeof args.options.out === 'string' ? args.options.out : '.');
    makeFolder(dir);
    checkOutputFolder(dir);
    // “**” in the outline is a place; never write a title with it missing or invented.
    if (!settings.region.trim() && needsRegion(catalog)) throw new CliError(ctx.t('regionMissing'));
    // The secretariat's secret: each workbook's _meta carries its committee token (core/plan/token.ts).
    const secret = ctx.secret(true);
    const bar = ctx.progress(committees.length, 'generate');
    const written: string[] = [];
    for (const c of committees) {
      const spec = describeCommitteeWorkbook(catalog, settings, c.id, { secret: secret?.secret });
      const bytes = await (await import('../../hosts/xlsx')).renderWorkbook(spec);
      const file = join(dir, committeeWorkbookFileName(settings.year, c.name));
      writeFileAtomic(file, bytes);
      written.push(file);
      bar.tick(c.name);
    }
    bar.done();
    ctx.out(ctx.t('generated', { count: written.length, dir }));
    for (const f of written) ctx.out(ctx.t('generatedFile', { file: f }));
    if (secret?.created) ctx.out(ctx.t('secretCreated', { file: secret.file }));
    return 0;
  },
};

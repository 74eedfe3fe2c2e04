/** plan-budget catalog import <plan.txt> [-o catalog.json] | catalog show */
import { CLI_MESSAGES } from '../../i18n/cli';
import { parseCatalog } from '../../core/catalog/parse';
import type { Catalog } from '../../core/catalog/types';
import { CliError } from '../context';
import type { CliContext } from '../context';
import type { CliCommand } from './types';
import { InputFileError, inputErrorText, readInputText, writeFileAtomic } from '../files';

function show(ctx: CliContext, c: Catalog): void {
  const region = ctx.settings().region;
  const fill = (s: string) => s.split('{{region}}').join(region);
  ctx.out(ctx.t('catalogHead', { title: fill(c.title) || '—', year: c.year ?? '—', sections: c.sections.length, points: c.points.length, committees: c.committees.length, hash: c.hash }));
  const name = (id: string) => c.committees.find((x) => x.id === id)?.name ?? id;
  for (const s of c.sections) {
    ctx.out(`\n${s.numeral}、${fill(s.title)}`);
    for (const n of s.pointNumbers) {
      const p = c.points.find((x) => x.number === n);
      if (!p) continue;
      const who = p.committeeIds.map(name).join('、') || (ctx.lang === 'zh' ? '（未指定）' : '(none)');
      ctx.out(`  ${String(p.number).padStart(2)}. ${fill(p.title)} — ${who}${p.responsibility === 'inherited' ? (ctx.lang === 'zh' ? '（承接后条）' : ' (inherited)') : ''}`);
      if (p.committeeIds.length > 1)
        for (const m of p.measures) ctx.out(`        ${m.index}) ${name(m.committeeId ?? '')}: ${fill(m.text).slice(0, 40)}`);
    }
  }
  ctx.out(`\n${c.committees.map((x) => `${x.id} ${x.name}`).join('  ')}`);
  for (const i of c.issues) ctx.out(ctx.t('catalogIssue', { severity: i.severity, line: i.line ?? '—', message: i.message[ctx.lang] }));
}

export const catalogCommand: CliCommand = {
  name: 'catalog',
  summary: CLI_MESSAGES.catalogSummary,
  help: CLI_MESSAGES.catalogHelp,
  options: { values: ['out'], flags: [], short: { o: 'out' } },
  async run(ctx, args) {
    const [sub, file] = args.positionals;
    if (sub === 'show') {
      show(ctx, ctx.catalog());
      return 0;
    }
    if (sub === 'import' && file) {
      let text: string;
      try {
        text = readInputText(ctx.path(file));
      } catch (e) {
        throw new CliError(ctx.t('catalogRead', { file, error: e instanceof InputFileError ? inputErrorText(e)[ctx.lang] : (e as Error).message }));
      }
      const c = parseCatalog(text);
      show(ctx, c);
      if (typeof args.options.out === 'string') {
        writeFileAtomic(ctx.path(args.options.out), JSON.stringify(c, null, 2) + '\n');
        ctx.out(ctx.t('catalogSaved', { file: args.options.out }));
      }
      return c.issues.some((i) => i.severity === 'error') ? 1 : 0;
    }
    throw new CliError(ctx.t('catalogUsage'));
  },
};

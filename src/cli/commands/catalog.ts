/** plan-budget catalog import <plan.txt> [-o catalog.json] | catalog show */
import { CLI_MESSAGES } from '../../i18n/cli';
import { parseCatalog } from '../../core/catalog/parse';
import type { Catalog, ImportIssue, Responsibility } from '../../core/catalog/types';
import { catalogPreview } from '../../core/catalog/preview';
import type { Msg } from '../../i18n/cli';
import { CliError } from '../context';
import type { CliContext } from '../context';
import type { CliCommand } from './types';
import { InputFileError, inputErrorText, readInputText, writeFileAtomic } from '../files';

const RESP: Partial<Record<Responsibility, Msg>> = {
  inherited: { zh: '（承接后条）', en: ' (inherited)' },
  listed: { zh: '（据任务分工）', en: ' (from the list of responsibilities)' },
  assigned: { zh: '（设置中指定）', en: ' (assigned in settings)' },
};
const SEVERITY: Record<ImportIssue['severity'], Msg> = { error: { zh: '错误', en: 'error' }, warning: { zh: '警告', en: 'warning' }, info: { zh: '提示', en: 'note' } };

function doubt(ctx: CliContext, i: ImportIssue): string {
  const severity = SEVERITY[i.severity][ctx.lang];
  return i.line === undefined ? ctx.t('catalogIssueNoLine', { severity, message: i.message[ctx.lang] }) : ctx.t('catalogIssue', { severity, line: i.line, message: i.message[ctx.lang] });
}

/** Sections, points with their committees and measures, and every doubt: what a secretariat checks before use. */
function show(ctx: CliContext, c: Catalog, json: boolean): void {
  const v = catalogPreview(c, ctx.settings().region);
  if (json) {
    ctx.out(JSON.stringify(v, null, 2));
    return;
  }
  const zh = ctx.lang === 'zh';
  ctx.out(ctx.t('catalogHead', { title: v.title || '—', year: v.year ?? '—', sections: v.counts.sections, points: v.counts.points, committees: v.counts.committees, hash: v.hash }));
  if (v.structure?.point) {
    const groups = v.structure.groups.length ? v.structure.groups.map((g) => (zh ? `“${g}”` : `"${g}"`)).join(zh ? '、' : ', ') : '—';
    ctx.out(v.structure.groups.length ? ctx.t('catalogStructure', { section: v.structure.section ?? '—', groups, point: v.structure.point }) : ctx.t('catalogStructureFlat', { section: v.structure.section ?? '—', point: v.structure.point }));
  }
  for (const s of v.sections) {
    ctx.out(`\n${s.numeral}、${s.title}${s.points.length ? '' : zh ? '（仅说明文字，无要点）' : ' (text only, no points)'}`);
    let group: string | undefined;
    for (const p of s.points) {
      if (p.group && p.group !== group) ctx.out(`  【${p.group}】`);
      group = p.group;
      const who = p.committees.join('、') || (zh ? '（未指定）' : '(none)');
      ctx.out(`  ${String(p.number).padStart(2)}. ${p.title} — ${who}${RESP[p.responsibility]?.[ctx.lang] ?? ''}`);
      const lead = p.committees[0] ?? null;
      for (const m of p.measures) {
        const text = m.text.length > 60 ? m.text.slice(0, 59) + '…' : m.text;
        ctx.out(`        ${m.index}) ${text}${m.committee && m.committee !== lead ? `（${m.committee}）` : ''}`);
      }
      for (const i of p.doubts) ctx.out(`      ${doubt(ctx, i)}`);
    }
  }
  ctx.out(`\n${v.committees.map((x) => `${x.id} ${x.name}`).join('  ')}`);
  for (const i of v.doubts) ctx.out(doubt(ctx, i));
}

export const catalogCommand: CliCommand = {
  name: 'catalog',
  summary: CLI_MESSAGES.catalogSummary,
  help: CLI_MESSAGES.catalogHelp,
  options: { values: ['out'], flags: ['json'], short: { o: 'out' } },
  async run(ctx, args) {
    const [sub, file] = args.positionals;
    if (sub === 'show') {
      show(ctx, ctx.catalog(), args.options.json === true);
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
      const json = args.options.json === true;
      show(ctx, c, json);
      if (typeof args.options.out === 'string') {
        writeFileAtomic(ctx.path(args.options.out), JSON.stringify(c, null, 2) + '\n');
        if (!json) ctx.out(ctx.t('catalogSaved', { file: args.options.out }));
      }
      return c.issues.some((i) => i.severity === 'error') ? 1 : 0;
    }
    throw new CliError(ctx.t('catalogUsage'));
  },
};

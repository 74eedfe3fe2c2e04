/**
 * 汇编: "YYYY年度工作计划和预算汇编（送审稿）", the document the 常务理事会 reads and approves, described
 * from the consolidated plan (ReportInput) and the catalog. Pure: a DocumentSpec for hosts/docx.
 *
 * Layout: cover; 编制说明 with the headline figures; 工作计划 by section → point → its confirmed tasks
 * (committee, owner, dates, deliverables, budget); 预算安排 by committee (with 控制数) and by expense
 * category; 主要时间节点 by month; 附件 open findings (errors and warnings). Totals are the sums of
 * the budget lines, as the summary workbook's formulas add them.
 */
import type { Catalog } from '../catalog/types';
import { fillRegion } from '../catalog/index';
import type { DocBlock, DocumentSpec, TableBlock } from './spec';
import { para } from './spec';
import type { ReportInput, ReportMilestone, ReportTask } from './input';

/** Money in the document: two decimals, thousands separated, no float noise. */
export function money(x: number): string {
  // Cents from 15 significant digits (1234567.005 is stored as …004999…: it means …005), half away from zero.
  const cents = Math.round(Number((Math.abs(x) * 100).toPrecision(15)));
  const i = String(Math.floor(cents / 100));
  const d = String(cents % 100).padStart(2, '0');
  return `${x < 0 && cents > 0 ? '-' : ''}${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${d}`;
}

/** "2023-03-01" → "3月1日" in the plan year, else "2024年3月1日". */
export function cnDate(iso: string | null, year: number): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const md = `${Number(m[2])}月${Number(m[3])}日`;
  return Number(m[1]) === year ? md : `${m[1]}年${md}`;
}

/** "2023-01-05T08:00:00Z" → "2023年1月5日" (北京时间). */
export function cnDay(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return '';
  const d = new Date(ms + 8 * 3600 * 1000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

const CN_NUM = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1 → 一, 12 → 十二 (for （一） headings). */
export function cnOrdinal(n: number): string {
  if (n <= 10) return CN_NUM[n];
  if (n < 20) return '十' + CN_NUM[n - 10];
  return CN_NUM[Math.floor(n / 10)] + '十' + (n % 10 ? CN_NUM[n % 10] : '');
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const pct = (part: number, whole: number) => (whole > 0 ? `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%` : '—');

export interface CompilationOptions {
  /** Most findings listed in the appendix (the rest are counted; all are in the summary's 问题清单). */
  maxFindings?: number;
}

export function describeCompilation(input: ReportInput, catalog: Catalog, options: CompilationOptions = {}): DocumentSpec {
  const { year, unit } = input;
  const fill = (s: string) => fillRegion(s, input.region);
  const confirmed = input.tasks.filter((t) => !t.draft);
  const drafts = input.tasks.length - confirmed.length;
  const amount = (xs: { amount: number | null }[]) => sum(xs.map((l) => l.amount ?? 0));
  const total = amount(input.lines);
  const byCommittee = new Map<string, number>();
  for (const l of input.lines) byCommittee.set(l.committee, (byCommittee.get(l.committee) ?? 0) + (l.amount ?? 0));
  const byPoint = new Map<number, number>();
  for (const l of input.lines) if (l.point !== null) byPoint.set(l.point, (byPoint.get(l.point) ?? 0) + (l.amount ?? 0));
  const tasksOf = (point: number) => confirmed.filter((t) => t.point === point);
  const covered = catalog.points.filter((p) => tasksOf(p.number).length > 0).length;
  const submitted = input.committees.filter((c) => c.status === '已提交' || c.status === '有错误');
  const missing = input.committees.filter((c) => c.status === '未提交');
  const over = input.committees.filter((c) => c.ceiling !== null && (byCommittee.get(c.name) ?? 0) > c.ceiling + 1e-9);
  const errors = input.findings.filter((f) => f.severity === 'error');
  const warnings = input.findings.filter((f) => f.severity === 'warning');
  const deliverables = new Map<string, ReportMilestone[]>();
  for (const m of input.milestones) {
    const k = `${m.committee}|${m.taskCode}`;
    const list = deliverables.get(k);
    if (list) list.push(m);
    else deliverables.set(k, [m]);
  }
  const title = `${input.organisation}${year}年度工作计划和预算汇编`;

  // ── cover ──
  const cover: DocBlock[] = [
    para('title', input.organisation, { spaceBeforeLines: 5 }),
    para('title', `${year}年度工作计划和预算汇编`),
    para('subtitle', '（送审稿）'),
    para('center', `${input.organisation}秘书处`, { spaceBeforeLines: 9 }),
    para('center', cnDay(input.generatedAt)),
  ];

  // ── 编制说明 ──
  const body: DocBlock[] = [para('h1', '一、编制说明')];
  const outline = catalog.title ? `《${fill(catalog.title)}》` : `${year}年工作要点`;
  body.push(
    para(
      'body',
      `根据${outline}，秘书处组织各专委会编制了${year}年度工作计划和预算。工作要点共${catalog.sections.length}个部分、${catalog.points.length}条要点，由${catalog.committees.length}个专委会分工负责实施。`,
    ),
    para(
      'body',
      `截至${cnDay(input.generatedAt)}，${submitted.length}个专委会报送了计划${missing.length ? `，${missing.map((c) => c.name).join('、')}尚未报送` : '，全部专委会均已报送'}。汇总计划任务${confirmed.length}项${drafts ? `（另有草稿${drafts}项，未计入任务数）` : ''}，覆盖${covered}条要点${covered < catalog.points.length ? `，尚有${catalog.points.length - covered}条要点没有安排任务` : ''}；预算合计${money(total)}${unit}。`,
    ),
  );
  if (over.length)
    body.push(para('body', `${over.map((c) => `${c.name}预算${money(byCommittee.get(c.name) ?? 0)}${unit}，超过控制数${money(c.ceiling ?? 0)}${unit}`).join('；')}，请审议时予以关注。`));
  body.push(
    para(
      'body',
      errors.length || warnings.length
        ? `汇总校验尚有错误${errors.length}条、警告${warnings.length}条待各专委会核实修改，详见附件。本汇编中的金额均以${unit}为单位。`
        : `汇总校验未发现需要修改的问题。本汇编中的金额均以${unit}为单位。`,
    ),
  );

  // ── 工作计划 ──
  body.push(para('h1', '二、工作计划', { pageBreakBefore: true }));
  for (const s of catalog.sections) {
    body.push(para('h2', `（${cnOrdinal(s.number)}）${fill(s.title)}`));
    for (const n of s.pointNumbers) {
      const p = catalog.points.find((x) => x.number === n);
      if (!p) continue;
      const who = p.committeeIds.map((id) => catalog.committees.find((c) => c.id === id)?.name ?? id).join('、');
      const ts = tasksOf(n);
      body.push(para('h3', `${n}. ${fill(p.title)}`));
      body.push(para('note', `责任专委会：${who || '未指定'}；任务${ts.length}项；预算${money(byPoint.get(n) ?? 0)}${unit}。`));
      if (!ts.length) {
        body.push(para('body', '本要点尚未安排任务。'));
        continue;
      }
      body.push(taskTable(ts, year, deliverables));
    }
  }
  const unassigned = confirmed.filter((t) => t.point === null || !catalog.points.some((p) => p.number === t.point));
  if (unassigned.length) {
    body.push(para('h2', '（附）未对应要点的任务'));
    body.push(taskTable(unassigned, year, deliverables));
  }

  // ── 预算安排 ──
  body.push(para('h1', '三、预算安排', { pageBreakBefore: true }));
  body.push(para('h2', '（一）各专委会预算与控制数'));
  const cRows: TableBlock['rows'] = input.committees.map((c) => {
    const b = byCommittee.get(c.name) ?? 0;
    const n = confirmed.filter((t) => t.committee === c.name).length;
    return { cells: [c.name, c.status, String(n), money(b), c.ceiling === null ? '—' : money(c.ceiling), c.ceiling === null ? '—' : money(c.ceiling - b)] };
  });
  const ceilings = input.committees.filter((c) => c.ceiling !== null);
  const committeeTotal = sum(input.committees.map((c) => byCommittee.get(c.name) ?? 0));
  cRows.push({
    cells: ['合计', '', String(confirmed.filter((t) => input.committees.some((c) => c.name === t.committee)).length), money(committeeTotal), ceilings.length ? money(sum(ceilings.map((c) => c.ceiling ?? 0))) : '—', ceilings.length ? money(sum(ceilings.map((c) => (c.ceiling ?? 0) - (byCommittee.get(c.name) ?? 0)))) : '—'],
    emphasis: 'total',
  });
  body.push({ kind: 'table', headers: ['专委会', '报送状态', '任务数', `预算（${unit}）`, `控制数（${unit}）`, `结余（${unit}）`], widths: [26, 12, 9, 16, 16, 16], align: ['left', 'center', 'center', 'right', 'right', 'right'], rows: cRows });
  const elsewhere = total - committeeTotal;
  if (Math.abs(elsewhere) >= 0.005) body.push(para('note', `另有${money(elsewhere)}${unit}的预算来自未能对应专委会的文件，见汇总表“预算汇总”。`));

  body.push(para('h2', '（二）按经费科目'));
  const categories = new Map<string, number>();
  for (const l of input.lines) {
    const k = l.expenseCategory || '（未填科目）';
    categories.set(k, (categories.get(k) ?? 0) + (l.amount ?? 0));
  }
  const catRows: TableBlock['rows'] = [...categories.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh')).map(([k, v]) => ({ cells: [k, money(v), pct(v, total)] }));
  catRows.push({ cells: ['合计', money(total), total > 0 ? '100.0%' : '—'], emphasis: 'total' });
  body.push({ kind: 'table', headers: ['经费科目', `金额（${unit}）`, '占比'], widths: [40, 20, 14], align: ['left', 'right', 'right'], rows: catRows });

  body.push(para('h2', '（三）按经费来源'));
  const sources = new Map<string, number>();
  for (const l of input.lines) {
    const k = l.fundingSource || '（未填来源）';
    sources.set(k, (sources.get(k) ?? 0) + (l.amount ?? 0));
  }
  const srcRows: TableBlock['rows'] = [...sources.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'zh')).map(([k, v]) => ({ cells: [k, money(v), pct(v, total)] }));
  srcRows.push({ cells: ['合计', money(total), total > 0 ? '100.0%' : '—'], emphasis: 'total' });
  body.push({ kind: 'table', headers: ['经费来源', `金额（${unit}）`, '占比'], widths: [40, 20, 14], align: ['left', 'right', 'right'], rows: srcRows });

  // ── 主要时间节点 ──
  body.push(para('h1', '四、主要时间节点', { pageBreakBefore: true }));
  const dated = input.milestones.filter((m) => m.date && m.date.startsWith(String(year))).sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : a.committee.localeCompare(b.committee, 'zh')));
  if (!dated.length) body.push(para('body', '各专委会尚未填报里程碑。'));
  for (let month = 1; month <= 12; month++) {
    const ms = dated.filter((m) => Number(m.date!.slice(5, 7)) === month);
    if (!ms.length) continue;
    body.push(para('h3', `${month}月`));
    body.push({ kind: 'table', headers: ['日期', '专委会', '任务编号', '成果与节点'], widths: [12, 20, 10, 50], align: ['center', 'left', 'center', 'left'], rows: ms.map((m) => ({ cells: [cnDate(m.date, year), m.committee, m.taskCode, m.deliverable] })) });
  }
  const undated = input.milestones.length - dated.length;
  if (undated > 0) body.push(para('note', `另有${undated}个里程碑没有本年度内的日期，见汇总表“进度”。`));

  // ── 附件 ──
  body.push(para('h1', '附件：尚待处理的问题', { pageBreakBefore: true }));
  const open = [...errors, ...warnings];
  if (!open.length) body.push(para('body', '无。'));
  else {
    const max = options.maxFindings ?? 300;
    body.push(para('note', `共${open.length}条（错误${errors.length}条、警告${warnings.length}条）${open.length > max ? `，以下列出前${max}条，全部见汇总表“问题清单”` : ''}。`));
    body.push({
      kind: 'table',
      headers: ['级别', '文件', '位置', '问题'],
      widths: [8, 26, 14, 52],
      align: ['center', 'left', 'left', 'left'],
      rows: open.slice(0, max).map((f) => ({ cells: [f.severity === 'error' ? '错误' : '警告', f.file, f.where, f.message] })),
    });
  }

  return {
    title: `${title}（送审稿）`,
    creator: '计划预算编制助手',
    created: input.generatedAt,
    sections: [
      { blocks: cover, pageNumbers: false },
      { blocks: body, pageNumbers: true },
    ],
  };
}

function taskTable(ts: ReportTask[], year: number, deliverables: Map<string, ReportMilestone[]>): TableBlock {
  return {
    kind: 'table',
    headers: ['序号', '任务名称与内容', '承办单位', '负责人', '起止时间', '主要成果', '预算'],
    widths: [6, 35, 13, 9, 13, 16, 8],
    align: ['center', 'left', 'left', 'center', 'center', 'left', 'right'],
    rows: ts.map((t, i) => {
      const ms = deliverables.get(`${t.committee}|${t.code}`) ?? [];
      const outcome = ms.length ? ms.map((m) => `${m.deliverable}${m.date ? `（${cnDate(m.date, year)}）` : ''}`).join('；') : t.kpi;
      const when = t.start || t.end ? `${cnDate(t.start, year)}—${cnDate(t.end, year)}` : '';
      const name = t.content && !t.content.startsWith(t.name) ? `${t.name}：${t.content}` : t.content || t.name;
      return { cells: [String(i + 1), name, t.committee, t.owner, when, outcome, money(t.budget)] };
    }),
  };
}

/**
 * Chinese text is Chinese: every zh message (the finding templates and the findings a dirty
 * submission produces, the i18n tables, the catalog parser's issues) and every string written into
 * a workbook (generated, summary, feedback — every cell, note, input message, sheet name, header and
 * footer, chart title) holds no run of Latin letters outside an allowlist: file names, codes such as
 * T001 and finding codes, cell references, units and product names (WPS, Excel…), placeholders.
 * Formulas are not text. Raw ISO/UTC timestamps ("2023-02-01T00:00:00Z") count as Latin too.
 */
import { buildFixture } from '../../bench/validateFixture';
import { defaultCatalog } from '../../src/core/catalog';
import { parseCatalog } from '../../src/core/catalog/parse';
import { consolidate, previousOf } from '../../src/core/consolidate';
import { inputOf } from '../../src/core/consolidate/input';
import { defaultSettings } from '../../src/core/plan/settings';
import type { RawSubmission } from '../../src/core/plan/types';
import { describeCommitteeWorkbook } from '../../src/core/sheets/committeeWorkbook';
import { describeFeedbackWorkbook } from '../../src/core/sheets/feedbackWorkbook';
import type { CellSpec, WorkbookSpec } from '../../src/core/sheets/spec';
import { parseAddress } from '../../src/hosts/xlsx/render';
import { describeSummaryWorkbook } from '../../src/core/sheets/summaryWorkbook';
import { checkSubmission } from '../../src/core/validate';
import { CODES } from '../../src/core/validate/codes';
import { CLI_MESSAGES } from '../../src/i18n/cli';
import { CONSOLIDATE_MESSAGES } from '../../src/i18n/consolidate';
import { REPORT_MESSAGES } from '../../src/i18n/report';
import { STRINGS } from '../../src/i18n/taskpane';
import { rawSubmission, validLine, validMilestone, validTask } from '../helpers/rawSubmission';

/** Words that are names, not English: products, formats, units, Excel's own terms. */
const WORDS = new Set([
  'WPS', 'Excel', 'Office', 'Microsoft', 'LibreOffice', 'Word', 'Mac', 'Windows', 'Web', 'xlsx', 'xls', 'docx', 'zip', 'csv', 'pdf', 'PDF', 'SHA', 'Node', 'npm', 'npx', 'chmod', 'js', 'JSON', 'YAML', 'yaml', 'json', 'md', 'txt',
  'TRUE', 'FALSE', 'Ctrl', 'Shift', 'Enter', 'Tab', 'Esc', 'Del', 'Delete', 'Alt', 'Cmd', 'OK', 'ID', 'URL', 'http', 'https', 'localhost', 'Chromium',
  'SUM', 'SUMIF', 'SUMIFS', 'COUNTIF', 'COUNTIFS', 'VLOOKUP', 'XLOOKUP', 'INDEX', 'MATCH', 'IF', 'ROUND', 'LEN', 'DATE',
  'zh', 'en', 'yyyy', 'mm', 'dd', 'yyyymmdd', 'plan', 'budget', 'plan-budget', 'UTF', 'GB', 'MB', 'KB', 'A4',
]);

/** The runs of Latin letters left once the allowed things are removed. */
export function latinRuns(text: string): string[] {
  const s = text
    // Placeholders of templates: {name}.
    .replace(/\{\w+\}/g, ' ')
    // File names and extensions: 决策咨询-v2.xlsx, .zip, *.xlsx.
    .replace(/[^\s“”"'「」（）()，。：、；]*\.(?:xlsx|xls|xlsm|docx|zip|csv|yaml|yml|json|md|txt|et|ods|pdf|html|js)\b/gi, ' ')
    // Finding codes and option names: task.point.unreadable, --out, -o, settings keys (maxLineAmount).
    .replace(/\b[a-z]+(?:\.[a-zA-Z]+)+\b/g, ' ')
    .replace(/(^|[^\w-])--?[a-z][\w-]*/g, '$1 ')
    // The command itself (plan-budget catalog import), sheet names of the machine part (_summary), ids (c2).
    .replace(/\bplan-budget(?: [a-z]+)*/g, ' ')
    .replace(/\b_[a-z]\w*/g, ' ')
    // Keys of the settings file as written there (region: 江苏省) or named (pointCommittees, maxLineAmount).
    .replace(/\b[a-z][a-zA-Z]*(?=: )/g, ' ')
    .replace(/\b[a-z]+[A-Z][a-zA-Z]*\b/g, ' ')
    .replace(/\b[a-z]\d+\b/g, ' ')
    // Codes and cell references: T001, T00001, A1, H12, $A$1, 任务表!B3.
    .replace(/\$?\b[A-Z]{1,3}\$?\d+\b/g, ' ')
    // Hex digests (SHA-256 on 文件信息, content hashes), format codes.
    .replace(/\b[0-9a-f]{8,64}\b/g, ' ')
    .replace(/#,##0\.00/g, ' ');
  const out: string[] = [];
  for (const m of s.matchAll(/[A-Za-z][A-Za-z-]*/g)) {
    const w = m[0].replace(/-+$/, '');
    if (WORDS.has(w)) continue;
    // A lone capital letter: a column (“H 列”), a grade.
    if (/^[A-Z]$/.test(w)) continue;
    out.push(w);
  }
  return out;
}

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Every problem in the texts: [where, text, runs]. */
function scan(texts: Iterable<[string, string]>): string[] {
  const bad: string[] = [];
  for (const [where, text] of texts) {
    if (!text) continue;
    const runs = latinRuns(text);
    if (runs.length || ISO_INSTANT.test(text)) bad.push(`${where}: ${JSON.stringify(text.slice(0, 160))} → ${runs.join(', ') || 'ISO time'}`);
  }
  return [...new Set(bad)];
}

/** Every string a person sees in a workbook (formulas and very hidden machine sheets excepted). */
function* workbookTexts(name: string, spec: WorkbookSpec): Generator<[string, string]> {
  const texts: CellSpec[] = [];
  if (spec.properties?.title) yield [`${name} title`, spec.properties.title];
  for (const s of spec.sheets) {
    if (s.state === 'veryHidden') continue;
    // Hidden rows and columns hold machine keys (the column keys the reader matches), not text.
    const hiddenRows = new Set((s.rows ?? []).filter((r) => r.hidden).map((r) => r.index));
    const hiddenCols = new Set(s.columns.filter((c) => c.hidden).map((c) => c.index));
    if (!s.name.startsWith('_')) yield [`${name} sheet name`, s.name];
    for (const b of s.blocks) {
      const at = parseAddress(b.at);
      b.rows.forEach((row, i) =>
        row.forEach((c, j) => {
          if (!c || hiddenRows.has(at.row + i) || hiddenCols.has(at.col + j)) return;
          texts.push(c);
        }),
      );
    }
    for (const c of texts.splice(0)) {
      {
          if (typeof c.v === 'string') yield [`${name}/${s.name} cell`, c.v];
          if (c.note) yield [`${name}/${s.name} note`, c.note];
      }
    }
    for (const v of s.validations) {
      if (v.prompt) yield [`${name}/${s.name} prompt`, `${v.prompt.title} ${v.prompt.text}`];
      if ('error' in v && v.error) yield [`${name}/${s.name} error message`, `${v.error.title} ${v.error.text}`];
    }
    for (const ch of s.charts ?? []) yield [`${name}/${s.name} chart`, [ch.title, ...ch.series.map((x) => x.name)].join(' ')];
    // Header and footer codes (&P, &N) are not text.
    for (const hf of [s.print?.header, s.print?.footer]) if (hf) yield [`${name}/${s.name} header/footer`, hf.replace(/&[A-Z]/g, ' ')];
  }
}

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省', ceilings: { c2: 1 } });

/** A submission with the forms clerks type: amounts with units and Chinese numerals, dates as text, points as text, duplicates. */
function dirtyRaw(): RawSubmission {
  const b = rawSubmission({ file: '决策咨询.xlsx', committeeId: 'c2', year: 2023, catalogHash: catalog.hash });
  const points = ['要点4', '第 4 条 培育科普品牌', '凝练决策咨询重点课题', '4、5', '要点九十九', '4 凝练决策咨询重点课题', 4.5, '不知道', '（四）'];
  points.forEach((p, i) => b.task(validTask({ code: `T00${i + 1}`, point: p, name: i === 3 ? '开展老科技工作者调研' : `课题研究第${i}项`, committee: i % 2 ? '决策咨询' : '科普', start: ['2023年3月5日', '3月5日', '2023/13/45', '二季度', '2023.5.1', '上半年', 45000, '2023-03-05 08:00', '三月'][i], end: ['2023年12月', '年底', '2022-05-01', '', '2024-02-01', '下半年', '9月底', '2023-06-31', '2023-12-31'][i] })));
  b.task(validTask({ code: 'T010', name: '开展老科技工作者调研', point: '4 凝练决策咨询重点课题', content: '开展全民科学素质提升行动，培育科普品牌', kpi: '' }));
  b.task(validTask({ code: 'T010', owner: '', name: '', content: '' }));
  const amounts = ['3万元', '¥30,000', '三万五千', '（200）', '1,2万元', '约5万', '5%', '3-5万', '1万25', '若干', '12,345.6', '２万', -3, 1e9, '三百五', '100美元', '大约3万'];
  amounts.forEach((a, i) => b.budget(validLine({ taskCode: i === 5 ? 'T999' : 'T001', amount: a, unitPrice: i === 2 ? '两千' : 1, quantity: i === 3 ? '三' : 1, times: 1, expenseCategory: i === 4 ? '吃饭费' : '会议费', fundingSource: i === 6 ? '天上' : '财政拨款' })));
  b.milestone(validMilestone({ taskCode: 'T001', date: '2023年13月', deliverableType: '奖杯' }));
  b.milestone(validMilestone({ taskCode: 'T404', date: '' }));
  b.milestone(validMilestone({ taskCode: 'T001', date: 9999999 }));
  b.milestone(validMilestone({ taskCode: 'T001', date: '五月左右' }));
  return b.build();
}

/** The bench's dirty submission, its task texts cut from the outline without the {{region}} placeholder (typed text is the clerk's, not ours). */
function benchRaw(): RawSubmission {
  const raw = buildFixture(300, true).raw;
  for (const t of raw.tasks) for (const k of ['name', 'content']) if (typeof t.cells[k] === 'string') t.cells[k] = (t.cells[k] as string).replace(/[{}A-Za-z]+/g, '');
  return raw;
}

const raws = [dirtyRaw(), benchRaw()];

test('the allowlist lets names and codes through and catches English words', () => {
  expect(latinRuns('无法识别“决策咨询-v2.xlsx”第 T001 行 H12 单元格（task.point.unreadable），请在 WPS 或 Excel 中打开')).toEqual([]);
  expect(latinRuns('读作要点 9 (read as point 9)')).toEqual(['read', 'as', 'point']);
  expect(latinRuns('(title belongs to point 4)')).toEqual(['title', 'belongs', 'to', 'point']);
  expect(scan([['x', '出具时间 2023-02-01T00:00:00Z']])).toHaveLength(1);
});

test('finding templates, findings of dirty submissions and consolidation: zh text has no English', () => {
  const texts: [string, string][] = [];
  for (const [code, d] of Object.entries(CODES)) texts.push([`template ${code}`, d.message.zh], [`template fix ${code}`, d.fix.zh]);
  const inputs = raws.map((raw, i) => inputOf(i ? 'bench.xlsx' : '决策咨询.xlsx', new Uint8Array([i]), { raw }, catalog, settings));
  for (const raw of raws) {
    const { findings } = checkSubmission(raw, catalog, settings);
    expect(findings.length).toBeGreaterThan(20);
    for (const f of findings) {
      texts.push([`finding ${f.code}`, f.message.zh]);
      if (f.fix) texts.push([`fix ${f.code}`, f.fix.zh]);
      if (f.autoFix) texts.push([`autoFix ${f.code}`, f.autoFix.label.zh]);
    }
  }
  const model = consolidate(inputs, catalog, settings, { generatedAt: '2023-02-01T00:00:00Z' });
  for (const f of model.findings) texts.push([`consolidate ${f.code}`, f.message.zh]);
  for (const r of model.roster) for (const x of [r.reason, r.basis]) if (x) texts.push([`roster ${r.fileName}`, x.zh]);
  expect(scan(texts)).toEqual([]);
});

test('i18n tables: zh strings have no English', () => {
  const texts: [string, string][] = [];
  const tables: Record<string, Record<string, unknown>> = { cli: CLI_MESSAGES, consolidate: CONSOLIDATE_MESSAGES, report: REPORT_MESSAGES, taskpane: STRINGS };
  for (const [table, msgs] of Object.entries(tables))
    for (const [key, m] of Object.entries(msgs)) {
      if (m && typeof m === 'object' && 'zh' in m) {
        // The zh help of a CLI command starts with its usage line (command syntax, not text).
        // The button that switches to English says so in English.
        if (table === 'taskpane' && key === 'langSwitch') continue;
        // A help text lists subcommands at the start of its lines ("import  解析…").
        const zh = String((m as { zh: string }).zh);
        texts.push([`${table}.${key}`, /Help$/.test(key) ? zh.replace(/^\s*[a-z]+(?= {2,})/gm, '') : zh]);
      }
    }
  expect(texts.length).toBeGreaterThan(100);
  expect(scan(texts)).toEqual([]);
});

test('catalog issues: zh messages have no English', () => {
  const messy = ['2023年工作要点', '前言一段话', '一、第一部分', '1. 要点一（决策咨询专委会）', '3. 要点三', '3. 要点三又一次', '三、第三部分', '1. 另起编号', '一些不属于要点的文字'].join('\n');
  const parsed = parseCatalog(messy);
  const also = parseCatalog('没有编号的文字\n另一行');
  const issues = [...parsed.issues, ...also.issues];
  expect(issues.length).toBeGreaterThan(2);
  expect(scan(issues.map((x) => [`catalog ${x.code}`, x.message.zh] as [string, string]))).toEqual([]);
});

test('workbooks: every string written into generated, summary and feedback workbooks has no English', () => {
  const texts: [string, string][] = [];
  for (const c of catalog.committees) texts.push(...workbookTexts(`generated ${c.id}`, describeCommitteeWorkbook(catalog, settings, c.id, { generatedAt: '2023-01-05T08:00:00.000Z', budgetRows: 5, milestoneRows: 5 })));
  const inputs = raws.map((raw, i) => inputOf(i ? 'bench.xlsx' : '决策咨询.xlsx', new Uint8Array([i]), { raw }, catalog, settings, undefined, '2023-01-20T02:00:00Z'));
  const first = consolidate(inputs.slice(0, 1), catalog, settings, { generatedAt: '2023-01-25T00:00:00Z' });
  const model = consolidate(inputs, catalog, settings, { generatedAt: '2023-02-01T00:00:00Z', previous: previousOf(first) });
  texts.push(...workbookTexts('summary', describeSummaryWorkbook(model, catalog, settings)));
  for (const raw of raws) {
    const { findings } = checkSubmission(raw, catalog, settings);
    texts.push(...workbookTexts('feedback', describeFeedbackWorkbook(raw, findings, { committee: '决策咨询专委会', generatedAt: '2023-02-02T00:00:00Z' })));
  }
  expect(texts.length).toBeGreaterThan(1000);
  // Text a clerk typed is theirs, not ours: the fixtures type only Chinese, digits and the forms above.
  expect(scan(texts)).toEqual([]);
});

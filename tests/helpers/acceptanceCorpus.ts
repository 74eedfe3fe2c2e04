/**
 * The acceptance corpus of issue 10, made by code: every committee of the shipped 2023 catalog fills
 * its generated workbook with 20–60 tasks, budget lines and milestones, amounts and dates typed in
 * every form a clerk types them (tests/helpers/clerkSpellings.ts), and the file is saved one of the
 * ways clerks' tools save it:
 *
 *   excelts               our generator + excelts fill; formula amounts keep their formula with the
 *                         cached value written, as Excel saves them
 *   openpyxl              filled by Python's openpyxl (tests/fixtures-gen/openpyxl_fill.py): every
 *                         formula is saved without a value
 *   excelts+libreoffice   filled by excelts, then opened, recalculated and re-saved by LibreOffice
 *   openpyxl+libreoffice  filled by openpyxl, then re-saved by LibreOffice
 *
 * One committee resubmits: two files, the later saved (docProps/core.xml dcterms:modified) has the
 * name that sorts first ("…-v2.xlsx" < "….xlsx"), no 提交 stamp, equal file times.
 *
 * Everything the corpus holds is written down as it was made, in `record.json` (CorpusRecord): each
 * task's file, row and true dates, each budget line's file, row, form, what was typed and its true
 * amount in 万元, and whether the file counts. The Python checker reads that record, never our reader.
 *
 *   const record = await buildAcceptanceCorpus({ dir });   // dir/inbox/*.xlsx, dir/record.json, dir/settings.json
 */
import { copyFileSync, mkdirSync, utimesSync, writeFileSync } from 'fs';
import { execFileSync } from 'child_process';
import { join } from 'path';
import type { Catalog, WorkPoint } from '../../src/core/catalog/types';
import type { Settings } from '../../src/core/plan/types';
import { SHEET_NAMES, TASK_COLUMNS } from '../../src/core/sheets/columns';
import { BUDGET_LETTERS, DATA_FIRST_ROW, DRAFT_FLAG, describeCommitteeWorkbook, measuresOf, pointLabel } from '../../src/core/sheets/committeeWorkbook';
import { DEFAULT_EXPENSE_CATEGORIES, DEFAULT_FUNDING_SOURCES } from '../../src/core/plan/settings';
import { fillRegion } from '../../src/core/catalog';
import { GENERATED_AT, fixtureCatalog, fixtureSettings, generated } from './committeeFixtures';
import { fillWorkbook } from './fillWorkbook';
import type { FillRow, FillValue } from './fillWorkbook';
import { libreofficeConvert } from './libreoffice';
import { AMOUNT_FORMS, DATE_FORMS, MAGNITUDE_FORMS, between, pick, rng, spellAmount, spellDate } from './clerkSpellings';
import type { AmountForm, DateCell, DateForm, SpelledDate } from './clerkSpellings';

export const PYTHON = '/usr/bin/python3';
const OPENPYXL_FILL = join(__dirname, '..', 'fixtures-gen', 'openpyxl_fill.py');

export type SaveWay = 'excelts' | 'openpyxl' | 'excelts+libreoffice' | 'openpyxl+libreoffice';

export interface CorpusFileSpec {
  name: string;
  committeeId: string;
  savedBy: SaveWay;
  /** Confirmed tasks in the file. */
  tasks: number;
  /** dcterms:modified to write (openpyxl only; LibreOffice writes its own time). */
  modified?: string;
  /** False for a file another file of the same committee replaces. */
  counted?: boolean;
}

/** All 7 committees; 决策咨询专委会 resubmits (the v2 file, saved 20 days later, counts). */
export const DEFAULT_FILES: CorpusFileSpec[] = [
  { name: '党委.xlsx', committeeId: 'c1', savedBy: 'excelts', tasks: 24 },
  { name: '决策咨询专委会.xlsx', committeeId: 'c2', savedBy: 'openpyxl', tasks: 40, modified: '2023-01-10T09:00:00Z', counted: false },
  { name: '决策咨询专委会-v2.xlsx', committeeId: 'c2', savedBy: 'openpyxl', tasks: 45, modified: '2023-01-30T09:00:00Z' },
  { name: '科普与教育专委会.xlsx', committeeId: 'c3', savedBy: 'openpyxl', tasks: 60 },
  { name: '人才与宣传工作专委会.xlsx', committeeId: 'c4', savedBy: 'excelts+libreoffice', tasks: 33 },
  { name: '助力乡村振兴专委会.xlsx', committeeId: 'c5', savedBy: 'openpyxl+libreoffice', tasks: 20 },
  { name: '企业技术创新专委会.xlsx', committeeId: 'c6', savedBy: 'excelts', tasks: 52 },
  { name: '组织建设与服务专委会.xlsx', committeeId: 'c7', savedBy: 'openpyxl', tasks: 38 },
];

/** The subset read by every host (issue 10, item 7): one file per way of saving. */
export const ONE_READING_FILES = ['党委.xlsx', '科普与教育专委会.xlsx', '人才与宣传工作专委会.xlsx', '助力乡村振兴专委会.xlsx'];

export interface CorpusFile extends Required<Omit<CorpusFileSpec, 'modified'>> {
  modified: string | null;
  path: string;
  committee: string;
  /**
   * The file as Excel shows it once opened (formulas calculated — LibreOffice recalculates for it),
   * for the Office.js leg: present when asked for with `excelViews`.
   */
  excelView?: string;
}

/** A cell as written: text, number, empty, a date cell, a number under a date format, or "keep the formula". */
type Cell = string | number | null | DateCell | { result: number };

export interface CorpusTask {
  file: string;
  committeeId: string;
  committee: string;
  code: string;
  row: number;
  point: number;
  name: string;
  /** True dates (ISO) and what was typed. */
  start: string;
  end: string;
  startForm: DateForm;
  endForm: DateForm;
  startRaw: DateCell;
  endRaw: DateCell;
  /** A draft row (pre-filled from a measure) the clerk confirmed. */
  confirmedDraft: boolean;
  counted: boolean;
}

export interface CorpusLine {
  file: string;
  committeeId: string;
  committee: string;
  taskCode: string;
  point: number;
  row: number;
  form: AmountForm;
  /** What was typed into 金额 (null: the template's formula computes it from 单价 × 数量 × 次数). */
  raw: string | number | null;
  /** The true amount in 万元. */
  wan: number;
  /** Its reading changes magnitude (unit, numeral, currency sign): 问题清单 must list it with the value read. */
  magnitude: boolean;
  unitPrice: number | null;
  quantity: number | null;
  times: number | null;
  expenseCategory: string;
  fundingSource: string;
  counted: boolean;
}

export interface CorpusMilestone {
  file: string;
  committeeId: string;
  taskCode: string;
  row: number;
  date: string;
  form: DateForm;
  raw: DateCell;
  counted: boolean;
}

export interface CorpusRecord {
  year: number;
  unit: '万元';
  /** Column letter of 金额 on 预算明细 (where a finding about an amount points). */
  amountColumn: string;
  files: CorpusFile[];
  tasks: CorpusTask[];
  lines: CorpusLine[];
  milestones: CorpusMilestone[];
}

export interface CorpusOptions {
  dir: string;
  files?: CorpusFileSpec[];
  /** Names of files whose Excel view (recalculated copy) is wanted too. */
  excelViews?: string[];
  catalog?: Catalog;
}

const OWNERS = ['王五', '李四', '张三', '赵六', '钱七', '孙八', '周九', '吴十'];
const ACTIVITIES = ['专题调研', '专家座谈', '培训班', '现场观摩', '成果汇编', '经验交流会', '志愿服务', '科普讲座', '课题研究', '工作推进会', '典型宣传', '数据调查'];
const DELIVERABLES = ['研究报告', '会议', '培训', '活动', '调查报告', '宣传报道'];
/** Point 15 carries key dates (老科协奖 by 05-30; 老科技工作者日 in 重阳节 week): its tasks keep to them. */
const KEY_DATE_DAYS: Record<string, { start: [number, number]; end: [number, number]; milestone: [number, number] }> = {
  c4: { start: [2, 1], end: [5, 20], milestone: [5, 10] },
  c7: { start: [10, 20], end: [10, 25], milestone: [10, 23] },
};
const EXACT_DATE_FORMS = DATE_FORMS.filter((f) => f !== 'yearMonth');

interface Write {
  sheet: 'tasks' | 'budget' | 'milestones';
  row: number;
  values: Record<string, Cell>;
}

interface Slot {
  row: number;
  code: string;
  point: number | null;
  draft: { name: string } | null;
}

/** Task rows of the generated 任务表: draft rows and spare rows, with the point of their group. */
function taskSlots(catalog: Catalog, settings: Settings, committeeId: string): { slots: Slot[]; last: number } {
  const spec = describeCommitteeWorkbook(catalog, settings, committeeId, { generatedAt: GENERATED_AT });
  const sheet = spec.sheets.find((s) => s.name === SHEET_NAMES.tasks)!;
  const block = sheet.blocks.find((b) => b.at === `A${DATA_FIRST_ROW}`)!;
  const draftIdx = TASK_COLUMNS.findIndex((c) => c.key === 'draft');
  const nameIdx = TASK_COLUMNS.findIndex((c) => c.key === 'name');
  const slots: Slot[] = [];
  let point: number | null = null;
  block.rows.forEach((cells, i) => {
    const first = String(cells[0]?.v ?? '');
    const group = /^【要点\s*(\d+)】/.exec(first);
    if (group) point = Number(group[1]);
    else if (first.startsWith('【')) point = null;
    else slots.push({ row: DATA_FIRST_ROW + i, code: first, point, draft: cells[draftIdx]?.v === DRAFT_FLAG ? { name: String(cells[nameIdx]?.v ?? '') } : null });
  });
  return { slots, last: DATA_FIRST_ROW + block.rows.length - 1 };
}

const hashOf = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7);

/** The writes of one file and what they mean. */
function planFile(catalog: Catalog, settings: Settings, spec: CorpusFileSpec, record: CorpusRecord): Write[] {
  const r = rng(hashOf(spec.name));
  const cid = spec.committeeId;
  const committee = catalog.committees.find((c) => c.id === cid)!.name;
  const counted = spec.counted !== false;
  const points = catalog.points.filter((p) => p.committeeIds.includes(cid) || p.measures.some((m) => m.committeeId === cid));
  const { slots, last } = taskSlots(catalog, settings, cid);
  // Drafts first (the clerk confirms them), then the spare rows of each point, then 【其他任务】, then below the table.
  const ordered = [...slots.filter((s) => s.draft), ...slots.filter((s) => !s.draft && s.point !== null), ...slots.filter((s) => !s.draft && s.point === null)];
  // Below the table the clerk goes on numbering (T###), as 【其他任务】 says.
  for (let k = 0; ordered.length < spec.tasks; k++) ordered.push({ row: last + 1 + k, code: `T${String(slots.length + k + 1).padStart(3, '0')}`, point: null, draft: null });
  const writes: Write[] = [];
  let budgetRow = DATA_FIRST_ROW;
  let msRow = DATA_FIRST_ROW;
  let formIndex = between(r, 0, AMOUNT_FORMS.length - 1);
  ordered.forEach((slot, i) => {
    if (i >= spec.tasks) {
      // A draft the clerk does not keep: every input cell cleared.
      if (slot.draft) writes.push({ sheet: 'tasks', row: slot.row, values: { point: null, name: null, content: null, committee: null, draft: null } });
      return;
    }
    const p: WorkPoint = slot.point !== null ? catalog.points.find((x) => x.number === slot.point)! : points[i % points.length];
    const keyDays = p.number === 15 ? KEY_DATE_DAYS[cid] : undefined;
    let start: SpelledDate;
    let end: SpelledDate;
    let milestone: SpelledDate;
    if (keyDays) {
      start = spellDate(pick(r, EXACT_DATE_FORMS), 2023, ...keyDays.start);
      end = spellDate(pick(r, EXACT_DATE_FORMS), 2023, ...keyDays.end);
      milestone = spellDate(pick(r, EXACT_DATE_FORMS), 2023, ...keyDays.milestone);
    } else {
      const sm = between(r, 1, 6);
      const em = between(r, sm + 2, 12);
      start = spellDate(pick(r, DATE_FORMS), 2023, sm, between(r, 1, 28));
      end = spellDate(pick(r, DATE_FORMS), 2023, em, between(r, 1, 28));
      milestone = spellDate(pick(r, DATE_FORMS), 2023, between(r, sm + 1, em - 1), between(r, 1, 28));
    }
    const values: Record<string, Cell> = { owner: pick(r, OWNERS), start: start.cell, end: end.cell, kpi: `完成 ${between(r, 1, 5)} 项`, draft: null };
    let name: string;
    if (slot.draft) name = slot.draft.name;
    else {
      const ms = measuresOf(p, cid);
      const measure = ms.length ? ms[i % ms.length].text : p.text;
      name = `${pick(r, ACTIVITIES)}（要点${p.number}-${i + 1}）`;
      Object.assign(values, { point: pointLabel(p), name, content: `${fillRegion(measure, settings.region)}（第 ${i + 1} 项）`, committee });
      if (slot.row > last) values.code = slot.code;
    }
    writes.push({ sheet: 'tasks', row: slot.row, values });
    record.tasks.push({
      file: spec.name, committeeId: cid, committee, code: slot.code, row: slot.row, point: p.number, name,
      start: start.start, end: end.end, startForm: start.form, endForm: end.form, startRaw: start.cell, endRaw: end.cell,
      confirmedDraft: !!slot.draft, counted,
    });
    // Budget lines: 0–3 per task, the amount forms in turn so every file has every form.
    const n = pick(r, [0, 1, 1, 1, 1, 2, 2, 2, 3, 3]);
    for (let k = 0; k < n; k++) {
      const form = AMOUNT_FORMS[formIndex++ % AMOUNT_FORMS.length];
      const a = spellAmount(r, form);
      const expenseCategory = pick(r, DEFAULT_EXPENSE_CATEGORIES.slice(0, 12));
      const fundingSource = pick(r, DEFAULT_FUNDING_SOURCES.slice(0, 6));
      const line: Record<string, Cell> = { taskCode: slot.code, expenseCategory, fundingSource, basis: `按标准测算（${a.form}）` };
      if (form === 'formula') {
        Object.assign(line, { unitPrice: a.unitPrice!, quantity: a.quantity!, times: a.times! });
        // Excel saves the formula with its value; openpyxl drops it (the openpyxl writer skips this).
        line.amount = { result: a.wan };
      } else line.amount = a.raw;
      writes.push({ sheet: 'budget', row: budgetRow, values: line });
      record.lines.push({
        file: spec.name, committeeId: cid, committee, taskCode: slot.code, point: p.number, row: budgetRow, form, raw: a.raw, wan: a.wan,
        magnitude: MAGNITUDE_FORMS.has(form), unitPrice: a.unitPrice ?? null, quantity: a.quantity ?? null, times: a.times ?? null,
        expenseCategory, fundingSource, counted,
      });
      budgetRow++;
    }
    if (r() < 0.8) {
      writes.push({ sheet: 'milestones', row: msRow, values: { taskCode: slot.code, date: milestone.cell, deliverableType: pick(r, DELIVERABLES), deliverable: `${name}成果` } });
      record.milestones.push({ file: spec.name, committeeId: cid, taskCode: slot.code, row: msRow, date: milestone.end, form: milestone.form, raw: milestone.cell, counted });
      msRow++;
    }
  });
  return writes;
}

function fillValue(c: Cell): FillValue {
  if (c === null || typeof c === 'string' || typeof c === 'number') return c;
  if ('date' in c) {
    const [y, m, d] = c.date.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  if ('serial' in c) return { value: c.serial, numFmt: c.numFmt };
  return c;
}

function excelts(writes: Write[]): { tasks: FillRow[]; budget: FillRow[]; milestones: FillRow[] } {
  const out = { tasks: [] as FillRow[], budget: [] as FillRow[], milestones: [] as FillRow[] };
  for (const w of writes) {
    const row: FillRow = { $row: w.row, $textDates: true };
    for (const [k, v] of Object.entries(w.values)) row[k] = fillValue(v);
    out[w.sheet].push(row);
  }
  return out;
}

const SHEET_OF = { tasks: SHEET_NAMES.tasks, budget: SHEET_NAMES.budget, milestones: SHEET_NAMES.milestones } as const;

function openpyxlWrites(writes: Write[]): unknown[] {
  const out: unknown[] = [];
  for (const w of writes)
    for (const [key, c] of Object.entries(w.values)) {
      let value: unknown;
      if (c === null) value = null;
      else if (typeof c === 'string') value = { s: c };
      else if (typeof c === 'number') value = { n: c };
      else if ('date' in c) value = { d: c.date };
      else if ('serial' in c) value = { serial: c.serial, numFmt: c.numFmt };
      else continue; // { result }: openpyxl keeps the formula and saves no value
      out.push({ sheet: SHEET_OF[w.sheet], row: w.row, key, value });
    }
  return out;
}

/** Build the corpus into dir/inbox; write dir/record.json and dir/settings.json; return the record. */
export async function buildAcceptanceCorpus(opts: CorpusOptions): Promise<CorpusRecord> {
  const catalog = opts.catalog ?? fixtureCatalog();
  const settings = fixtureSettings(catalog, { ceilings: {} });
  const specs = opts.files ?? DEFAULT_FILES;
  const inbox = join(opts.dir, 'inbox');
  const stage = join(opts.dir, 'stage');
  for (const d of [inbox, stage]) mkdirSync(d, { recursive: true });
  const record: CorpusRecord = { year: 2023, unit: '万元', amountColumn: BUDGET_LETTERS.amount, files: [], tasks: [], lines: [], milestones: [] };
  const templates = new Map<string, string>();
  const jobs: unknown[] = [];
  const toLibreOffice: { from: string; to: string }[] = [];
  const views = new Set(opts.excelViews ?? []);
  const stem = (name: string) => `f${specs.findIndex((s) => s.name === name)}`;
  for (const spec of specs) {
    const committee = catalog.committees.find((c) => c.id === spec.committeeId)!.name;
    const writes = planFile(catalog, settings, spec, record);
    const file: CorpusFile = { name: spec.name, committeeId: spec.committeeId, committee, savedBy: spec.savedBy, tasks: spec.tasks, counted: spec.counted !== false, modified: spec.modified ?? null, path: join(inbox, spec.name) };
    record.files.push(file);
    const viaLibreOffice = spec.savedBy.endsWith('+libreoffice');
    const filled = viaLibreOffice ? join(stage, `${stem(spec.name)}.xlsx`) : file.path;
    if (viaLibreOffice) {
      toLibreOffice.push({ from: filled, to: file.path });
      if (views.has(spec.name)) file.excelView = file.path;
    }
    if (spec.savedBy.startsWith('excelts')) {
      writeFileSync(filled, await fillWorkbook(await generated(catalog, settings, spec.committeeId), excelts(writes)));
    } else {
      let template = templates.get(spec.committeeId);
      if (!template) {
        template = join(stage, `template-${spec.committeeId}.xlsx`);
        writeFileSync(template, await generated(catalog, settings, spec.committeeId));
        templates.set(spec.committeeId, template);
      }
      jobs.push({ in: template, out: filled, modified: spec.modified ?? null, writes: openpyxlWrites(writes) });
    }
  }
  if (jobs.length) {
    const jobsPath = join(stage, 'openpyxl-jobs.json');
    writeFileSync(jobsPath, JSON.stringify({ jobs }));
    execFileSync(PYTHON, [OPENPYXL_FILL, jobsPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  }
  // One soffice run: the files LibreOffice re-saves, and the Excel views of the others asked for.
  const viewOf = new Map<string, string>();
  for (const f of record.files)
    if (views.has(f.name) && !f.excelView) {
      const src = join(stage, `${stem(f.name)}.view.xlsx`);
      copyFileSync(f.path, src);
      viewOf.set(f.name, src);
    }
  const sources = [...toLibreOffice.map((x) => x.from), ...viewOf.values()];
  if (sources.length) {
    const outs = await libreofficeConvert(sources, { outDir: join(opts.dir, 'libreoffice') });
    toLibreOffice.forEach((x, i) => copyFileSync(outs[i], x.to));
    [...viewOf.keys()].forEach((name, i) => (record.files.find((f) => f.name === name)!.excelView = outs[toLibreOffice.length + i]));
  }
  // Equal file times: only the workbook's own saved time can order a resubmission.
  const t = new Date('2023-02-01T00:00:00Z');
  for (const f of record.files) utimesSync(f.path, t, t);
  writeFileSync(join(opts.dir, 'record.json'), JSON.stringify(record, null, 1));
  writeFileSync(join(opts.dir, 'settings.json'), JSON.stringify({ organisation: settings.organisation, region: settings.region, year: settings.year }));
  return record;
}

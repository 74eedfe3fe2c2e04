/**
 * The workload of bench:validate, as a function: `tasks` tasks, 2 × tasks budget lines,
 * tasks / 2 milestones, deterministic (mulberry32, seed 42). `dirty` makes every date form equally
 * likely (many more reformatting findings). Shared by bench/validate.ts and bench/dumpFindings.ts.
 */
import { defaultCatalog } from '../src/core/catalog';
import type { Catalog } from '../src/core/catalog/types';
import { defaultSettings } from '../src/core/plan/settings';
import type { RawRow, RawSubmission, Settings } from '../src/core/plan/types';
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, TASK_COLUMNS } from '../src/core/sheets/columns';

export interface BenchFixture {
  catalog: Catalog;
  settings: Settings;
  raw: RawSubmission;
}

export function buildFixture(TASKS: number, DIRTY: boolean): BenchFixture {
  const LINES = TASKS * 2;
  const MILESTONES = Math.floor(TASKS / 2);

  const catalog = defaultCatalog();
  const settings = defaultSettings(catalog, { region: '江苏省', ceilings: { c2: 1e6 } });

  // Deterministic pseudo-random numbers (mulberry32).
  let seed = 42;
  const rand = () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)];

  const letters = (cols: { key: string }[]) => Object.fromEntries(cols.map((c, i) => [c.key, String.fromCharCode(65 + i)]));
  const TL = letters(TASK_COLUMNS), BL = letters(BUDGET_COLUMNS), ML = letters(MILESTONE_COLUMNS);
  const FILE = 'bench.xlsx';
  const CITIES = ['南京', '无锡', '徐州', '常州', '苏州', '南通', '连云港', '淮安', '盐城', '扬州', '镇江', '泰州', '宿迁'];
  const OWNERS = ['张三', '李四', '王五', '赵六', '钱七', '孙八'];
  /**
   * How dates come back from a workbook: date cells as Date objects (xlsx libraries) or serial numbers
   * (Chinese built-in date formats, Office.js values); text typed into a date cell is the exception.
   */
  const DATE_FORMS = [
    (m: number, d: number) => `2023-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    (m: number, d: number) => `2023年${m}月${d}日`,
    (m: number, d: number) => 44927 + Math.round((Date.UTC(2023, m - 1, d) - Date.UTC(2023, 0, 1)) / 864e5),
    (m: number, d: number) => new Date(Date.UTC(2023, m - 1, d)),
    (m: number, d: number) => `2023/${m}/${d}`,
  ];
  const pickDate = (m: number, d: number) => {
    if (DIRTY) return pick(DATE_FORMS)(m, d);
    const r = rand();
    return r < 0.55 ? DATE_FORMS[3](m, d) : r < 0.9 ? DATE_FORMS[2](m, d) : r < 0.96 ? DATE_FORMS[0](m, d) : pick(DATE_FORMS)(m, d);
  };

  const tasks: RawRow[] = [];
  const lines: RawRow[] = [];
  const milestones: RawRow[] = [];
  for (let i = 0; i < TASKS; i++) {
    const p = catalog.points[i % catalog.points.length];
    const m = p.measures[Math.floor(rand() * p.measures.length)];
    const cid = m.committeeId ?? p.committeeIds[0];
    const committee = catalog.committees.find((c) => c.id === cid)!.name;
    const from = Math.floor(rand() * Math.max(1, m.text.length - 16));
    const frag = m.text.slice(from, from + 8 + Math.floor(rand() * 10)).replace(/[。，、“”]/g, '');
    const dup = i > 100 && rand() < 0.01;
    const name = dup ? (tasks[i - 17].cells.name as string) : `${pick(CITIES)}${frag}第${i}期`;
    const sm = 1 + Math.floor(rand() * 9), em = sm + 1 + Math.floor(rand() * (12 - sm));
    const bad = rand();
    tasks.push({
      source: { file: FILE, sheet: '任务表', row: i + 3 },
      cells: {
        code: `T${String(i + 1).padStart(5, '0')}`,
        point: rand() < 0.7 ? `${p.number} ${p.title}` : bad < 0.02 ? '' : p.number,
        name,
        content: m.text,
        committee: rand() < 0.9 ? committee : `江苏省老科协${committee}`,
        owner: bad < 0.03 ? '' : pick(OWNERS),
        partners: '',
        start: bad > 0.98 ? '二季度' : pickDate(sm, 1 + Math.floor(rand() * 28)),
        end: bad > 0.97 && bad < 0.975 ? '2024-01-10' : pickDate(em, 1 + Math.floor(rand() * 28)),
        kpi: '完成 1 项',
        budgetTotal: { formula: `SUMIF(预算明细!A:A,A${i + 3},预算明细!H:H)` },
        draft: rand() < 0.05 ? '草稿' : null,
        remarks: null,
      },
      columns: TL,
    });
  }
  for (let j = 0; j < LINES; j++) {
    const t = Math.floor(j / 2);
    const bad = rand();
    const price = Math.round(rand() * 100) / 100;
    const qty = 1 + Math.floor(rand() * 30);
    const times = 1 + Math.floor(rand() * 3);
    lines.push({
      source: { file: FILE, sheet: '预算明细', row: j + 3 },
      cells: {
        taskCode: bad < 0.005 ? 'T99999' : `T${String(t + 1).padStart(5, '0')}`,
        taskName: { formula: 'VLOOKUP(A3,任务表!A:C,3,FALSE)' },
        expenseCategory: pick(settings.expenseCategories),
        fundingSource: pick(settings.fundingSources),
        unitPrice: price,
        quantity: qty,
        times,
        amount: bad < 0.01 ? '约5万' : bad < 0.05 ? `${Math.round(price * qty * times * 10000)}元` : rand() < 0.5 ? { formula: `E${j + 3}*F${j + 3}*G${j + 3}` } : Math.round(price * qty * times * 100) / 100,
        basis: '按标准测算',
      },
      columns: BL,
    });
  }
  for (let k = 0; k < MILESTONES; k++) {
    milestones.push({
      source: { file: FILE, sheet: '里程碑', row: k + 3 },
      cells: { taskCode: `T${String(k * 2 + 1).padStart(5, '0')}`, taskName: null, date: tasks[k * 2].cells.end, deliverableType: pick(settings.deliverableTypes), deliverable: '阶段成果' },
      columns: ML,
    });
  }
  const raw: RawSubmission = { file: FILE, meta: { year: '2023', catalogHash: catalog.hash }, tasks, budgetLines: lines, milestones, readFindings: [] };
  return { catalog, settings, raw };
}

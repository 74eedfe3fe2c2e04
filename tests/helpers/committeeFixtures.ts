/**
 * Fixtures made by code for committee workbooks: settings, a generated workbook per committee, and
 * a "good" fill (every draft either confirmed or cleared, one budget line and one milestone per
 * confirmed task) that validates with no error and no warning.
 */
import { defaultCatalog } from '../../src/core/catalog';
import type { Catalog } from '../../src/core/catalog/types';
import { defaultSettings } from '../../src/core/plan/settings';
import type { Settings } from '../../src/core/plan/types';
import { describeCommitteeWorkbook, measuresOf, pointLabel, DATA_FIRST_ROW } from '../../src/core/sheets/committeeWorkbook';
import { renderWorkbook } from '../../src/hosts/xlsx';
import { fillWorkbookDetailed } from './fillWorkbook';
import type { FillInput, FillRow } from './fillWorkbook';

export const GENERATED_AT = '2023-01-05T08:00:00.000Z';

export function fixtureCatalog(): Catalog {
  return defaultCatalog();
}

export function fixtureSettings(catalog: Catalog, overrides: Partial<Settings> = {}): Settings {
  return defaultSettings(catalog, {
    organisation: '江苏省老科协',
    region: '江苏省',
    deadline: '2023-01-31',
    contact: '秘书处 张三 025-12345678',
    ceilings: { c1: 10, c2: 30, c3: 30, c4: 30, c5: 30, c6: 30, c7: 30 },
    ...overrides,
  });
}

export async function generated(catalog: Catalog, settings: Settings, committeeId: string): Promise<Uint8Array> {
  return renderWorkbook(describeCommitteeWorkbook(catalog, settings, committeeId, { generatedAt: GENERATED_AT }));
}

/** Task dates that satisfy the key-date rules (point 15: 老科协奖 by 05-30; 老科技工作者日 in 重阳节 week). */
export function datesFor(point: number, committeeId: string): { start: string; end: string; milestone: string } {
  if (point === 15 && committeeId === 'c4') return { start: '2023-02-01', end: '2023-05-20', milestone: '2023-05-10' };
  if (point === 15 && committeeId === 'c7') return { start: '2023-10-20', end: '2023-10-25', milestone: '2023-10-23' };
  return { start: '2023-03-01', end: '2023-11-30', milestone: '2023-06-30' };
}

export interface GoodFill {
  input: FillInput;
  /** Task codes confirmed, with their budget amount. */
  confirmed: { code: string; point: number; amount: number }[];
  total: number;
}

/**
 * For every point of the committee: confirm the first draft (owner, dates, KPI, draft flag cleared),
 * clear the other drafts (every input cell emptied), add one budget line (unit price × quantity ×
 * times left to the formula, amount written too so it reads without recalculation) and a milestone.
 */
export function goodFill(catalog: Catalog, committeeId: string): GoodFill {
  const tasks: FillRow[] = [];
  const budget: FillRow[] = [];
  const milestones: FillRow[] = [];
  const confirmed: GoodFill['confirmed'] = [];
  let n = 0;
  let total = 0;
  const points = catalog.points.filter((p) => p.committeeIds.includes(committeeId));
  for (const p of points) {
    const ms = measuresOf(p, committeeId);
    ms.forEach((m, i) => {
      const code = `T${String(++n).padStart(3, '0')}`;
      if (i === 0) {
        const d = datesFor(p.number, committeeId);
        tasks.push({ code, owner: '王五', start: d.start, end: d.end, kpi: '完成 1 项', draft: null });
        const unitPrice = 0.5 + (p.number % 3) * 0.25;
        const quantity = 2;
        const times = (p.number % 2) + 1;
        const amount = Math.round(unitPrice * quantity * times * 10000) / 10000;
        total += amount;
        budget.push({ taskCode: code, expenseCategory: '会议费', fundingSource: '财政拨款', unitPrice, quantity, times, amount, basis: `${unitPrice}万元×${quantity}×${times}` });
        milestones.push({ taskCode: code, date: d.milestone, deliverableType: '活动', deliverable: `完成${p.title}` });
        confirmed.push({ code, point: p.number, amount });
      } else {
        tasks.push({ code, point: null, name: null, content: null, committee: null, draft: null });
      }
    });
    n += 2; // spare rows of the point keep their codes
  }
  void pointLabel;
  void DATA_FIRST_ROW;
  return { input: { tasks, budget, milestones }, confirmed, total: Math.round(total * 10000) / 10000 };
}

export async function goodWorkbook(catalog: Catalog, settings: Settings, committeeId: string): Promise<{ bytes: Uint8Array; fill: GoodFill }> {
  const fill = goodFill(catalog, committeeId);
  const { bytes } = await fillWorkbookDetailed(await generated(catalog, settings, committeeId), fill.input);
  return { bytes, fill };
}

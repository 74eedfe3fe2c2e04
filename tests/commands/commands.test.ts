/**
 * The ribbon's 校验 button (ExecuteFunction validateWorkbook) against the in-memory Excel fake:
 * reads this workbook, validates, selects the first cell in error, records the count in the
 * document settings and always completes the event.
 */
import { defaultCatalog } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/plan/settings';
import { createOfficeWorkbook } from '../../src/hosts/office';
import { validateWorkbook } from '../../src/commands/commands';
import { engine } from '../../src/taskpane/engine/impl';
import { FakeExcel } from '../office/fakeExcel';

const g = globalThis as Record<string, unknown>;

afterEach(() => {
  delete g.Excel;
  delete g.Office;
});

function install(fake: FakeExcel) {
  const stored: Record<string, unknown> = {};
  g.Excel = { run: fake.run };
  g.Office = {
    context: {
      requirements: { isSetSupported: fake.isSetSupported },
      document: { settings: { set: (k: string, v: unknown) => (stored[k] = v), saveAsync: () => undefined } },
    },
  };
  return stored;
}

test('validates the live workbook, selects the first error, records the count, completes', async () => {
  const fake = new FakeExcel();
  const catalog = defaultCatalog();
  const settings = defaultSettings(catalog, { year: 2023 });
  await createOfficeWorkbook(fake.run, fake.isSetSupported).render(engine.describeCommitteeWorkbook(catalog, settings, 'c2'));
  // A budget line with an unreadable amount: an error the command must find.
  const budget = fake.sheet('预算明细')!;
  budget.protected = false;
  const grid = budget.grid();
  const hr = grid.findIndex((r) => r.includes('任务编号') && r.includes('金额')) + 1;
  expect(hr).toBeGreaterThan(0);
  const col = (h: string) => grid[hr - 1].indexOf(h) + 1;
  const r = hr + 1;
  budget.set(r, col('任务编号'), { v: 'T001' });
  budget.set(r, col('经费科目'), { v: '会议费' });
  budget.set(r, col('经费来源'), { v: '财政拨款' });
  budget.set(r, col('金额'), { v: '约两万' });
  const stored = install(fake);
  const completed = jest.fn();
  await validateWorkbook({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
  const last = stored.lastValidation as { errors: number; total: number };
  expect(last.errors).toBeGreaterThan(0);
  expect(fake.selected).not.toBeNull();
  expect(fake.active).toBe(fake.selected!.sheet);
});

test('outside Excel it does nothing but still completes the event', async () => {
  const completed = jest.fn();
  await validateWorkbook({ completed });
  expect(completed).toHaveBeenCalledTimes(1);
});

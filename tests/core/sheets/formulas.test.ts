/** Our formulas computed from the cells they refer to, as Excel would, for cells saved without a value. */
import { FormulaEvaluator, NO_VALUE, amountFormula, budgetTotalFormula, filledKey, nameLookupFormula, sameFilledKey, shapeOf } from '../../../src/core/sheets/formulas';
import { describeCommitteeWorkbook } from '../../../src/core/sheets/committeeWorkbook';
import { readGrid } from '../../../src/core/sheets/readGrid';
import type { GridSheet } from '../../../src/core/sheets/readGrid';
import { BUDGET_COLUMNS, MILESTONE_COLUMNS, TASK_COLUMNS } from '../../../src/core/sheets/columns';
import { fixtureCatalog, fixtureSettings } from '../../helpers/committeeFixtures';

const catalog = fixtureCatalog();
const settings = fixtureSettings(catalog);

test('every formula the generator writes on the data sheets is one we compute', () => {
  for (const id of ['c1', 'c2', 'c7']) {
    const spec = describeCommitteeWorkbook(catalog, settings, id, { generatedAt: '2023-01-05T08:00:00.000Z', budgetRows: 30, milestoneRows: 10 });
    const seen = new Map<string, number>();
    for (const sheet of spec.sheets.filter((s) => ['任务表', '预算明细', '里程碑'].includes(s.name))) {
      for (const b of sheet.blocks) for (const row of b.rows) for (const c of row) {
        if (!c || !c.f) continue;
        const shape = shapeOf(c.f);
        expect(shape).not.toBeNull();
        seen.set(`${sheet.name}:${shape!.kind}`, (seen.get(`${sheet.name}:${shape!.kind}`) ?? 0) + 1);
      }
    }
    expect([...seen.keys()].sort()).toEqual(['任务表:total', '里程碑:lookup', '预算明细:amount', '预算明细:lookup']);
    expect(seen.get('预算明细:amount')).toBe(30);
  }
});

test('formulas of other shapes, or ours with inconsistent references, are not ours', () => {
  expect(shapeOf('E4*F4*G4')).toBeNull();
  expect(shapeOf('SUM(H4:H203)')).toBeNull();
  expect(shapeOf('IF(COUNT($E4)=0,"",$E5*IF(LEN($F4)=0,1,$F4)*IF(LEN($G4)=0,1,$G4))')).toBeNull();
  expect(shapeOf('IF(COUNT($E4)=0,"",$E4*IF(LEN($F4)=0,1,$F4)*IF(LEN($G4)=0,1,$G4))+1')).toBeNull();
  // Excel's own spellings of ours: leading "=", no "$", lower case, another row or column.
  expect(shapeOf('=if(count(e9)=0,"",e9*if(len(f9)=0,1,f9)*if(len(g9)=0,1,g9))')).toMatchObject({ kind: 'amount', price: { sheet: null, row: 9, col: 5 }, quantity: { sheet: null, row: 9, col: 6 }, times: { sheet: null, row: 9, col: 7 } });
});

/** A workbook of three sheets laid out like ours: 任务表 A code / C name / K total; 预算明细 A code, B name, E–G, H amount. */
function grids(lines: unknown[][], tasks: unknown[][]): GridSheet[] {
  const T: unknown[][] = [['任务表'], [], []];
  tasks.forEach((t, i) => {
    const r = 4 + i;
    T.push([t[0], null, t[1], null, null, null, null, null, null, null, { formula: budgetTotalFormula('预算明细', 'A', 'H', 4, 13, 'A', r) }]);
  });
  const B: unknown[][] = [['预算明细'], [], []];
  lines.forEach((l, i) => {
    const r = 4 + i;
    B.push([l[0], { formula: nameLookupFormula('任务表', 'C', 'A', 4, 4 + tasks.length - 1, 'A', r) }, null, null, l[1], l[2], l[3], l.length > 4 ? l[4] : { formula: amountFormula('E', 'F', 'G', r) }]);
  });
  return [{ name: '任务表', rows: T }, { name: '预算明细', rows: B }];
}

function valueAt(sheets: GridSheet[], sheet: string, row: number, col: number) {
  const cell = sheets.find((s) => s.name === sheet)!.rows[row - 1][col - 1] as { formula: string };
  return new FormulaEvaluator(sheets).valueOf(sheet, row, col, cell.formula);
}

describe('金额 = 单价 × 数量 × 次数 (IF(COUNT(单价)=0,"",单价*IF(LEN(数量)=0,1,数量)*IF(LEN(次数)=0,1,次数)))', () => {
  const cases: [unknown, unknown, unknown, unknown][] = [
    [0.5, 2, 3, 3],
    [0.5, null, null, 0.5], // empty 数量 and 次数 count as 1
    [1.2, 3, '', 1.2 * 3],
    [2, ' 3 ', null, 6], // number text in arithmetic
    [null, 2, 3, ''], // no 单价: empty, not 0
    ['0.5万元', 2, 1, ''], // COUNT counts numbers only: Excel shows empty (normalisation then reads the text)
    [true, 2, 1, ''],
    [0.5, '2人', 1, NO_VALUE], // text Excel may or may not convert: unknown
    [0.5, { error: '#N/A' }, 1, { error: '#N/A' }],
    [{ error: '#DIV/0!' }, 2, 1, ''], // COUNT skips errors
    [0, 5, 5, 0], // a typed 0 is a 0
  ];
  test.each(cases)('单价 %p, 数量 %p, 次数 %p → %p', (p, q, t, want) => {
    const s = grids([['T001', p, q, t]], [['T001', '课题']]);
    expect(valueAt(s, '预算明细', 4, 8)).toEqual(want);
  });

  test('a referenced cell that is itself a formula without value: computed in turn; a foreign one: unknown', () => {
    const s = grids([['T001', { formula: 'IF(1,2,3)' }, 2, 1], ['T001', 1, { formula: amountFormula('E', 'F', 'G', 4) }, 1]], [['T001', '课题']]);
    expect(valueAt(s, '预算明细', 4, 8)).toBe(NO_VALUE);
    // row 5: 数量 is row 4's amount formula (unknown) → unknown.
    expect(valueAt(s, '预算明细', 5, 8)).toBe(NO_VALUE);
  });

  test('references are followed where they point: a row a script inserted without moving the formulas below', () => {
    // Rows 4–6 filled down, then a row inserted at 5 by a script that does not adjust formulas: the
    // formulas now in rows 6 and 7 still refer to rows 5 and 6.
    const s = grids([['T001', 1, 2, 1], ['T001', 5, 1, 1], ['T001', 3, 1, 1], ['T001', 7, 1, 1]], [['T001', '课题']]);
    const b = s[1].rows;
    b[6][7] = { formula: amountFormula('E', 'F', 'G', 6) };
    b[5][7] = { formula: amountFormula('E', 'F', 'G', 5) };
    const ev = new FormulaEvaluator(s);
    expect([4, 5, 6, 7].map((r) => ev.valueOf('预算明细', r, 8, (b[r - 1][7] as { formula: string }).formula))).toEqual([2, 5, 5, 3]);
  });

  test('a cycle has no value (and does not loop)', () => {
    const s: GridSheet[] = [{ name: '预算明细', rows: [[], [], [], [null, null, null, null, { formula: amountFormula('H', 'F', 'G', 4) }, null, null, { formula: amountFormula('E', 'F', 'G', 4) }]] }];
    expect(valueAt(s, '预算明细', 4, 8)).toBe(NO_VALUE);
  });
});

describe('预算合计 = SUMIF of the task\'s lines; 任务名称 looked up by code', () => {
  const tasks = [['T001', '课题一'], ['T002', null], ['T003', '课题三']];
  const lines = [['T001', 0.5, 2, 3], ['t001', 1, null, null], ['T003', 2, 2, null], ['T002', null, null, null], ['T009', 1, 1, 1], [null, 4, 1, 1, 4]];

  test('the sum of the lines of the code (case-insensitive, as COUNTIF), empty without lines', () => {
    const s = grids(lines, tasks);
    expect(valueAt(s, '任务表', 4, 11)).toBe(3 + 1);
    expect(valueAt(s, '任务表', 5, 11)).toBe(0); // a line, but no amount: SUMIF gives 0
    expect(valueAt(s, '任务表', 6, 11)).toBe(4);
    const none = grids([], tasks);
    expect(valueAt(none, '任务表', 4, 11)).toBe('');
  });

  test('a line whose amount is unknown makes its task\'s total unknown; other tasks keep theirs', () => {
    const s = grids([['T001', 1, 1, 1, { formula: 'E4*2' }], ['T003', 2, 1, 1]], tasks);
    expect(valueAt(s, '任务表', 4, 11)).toBe(NO_VALUE);
    expect(valueAt(s, '任务表', 6, 11)).toBe(2);
  });

  test('criteria Excel reads otherwise (wildcards, numbers, dates) are not guessed', () => {
    for (const code of ['T*', 'T00?', '>T001', '2023-01-01', 'Mar1', '2023年5月', '１２', 'TRUE', '']) {
      const s = grids([[code, 1, 1, 1]], [[code, '课题']]);
      expect(valueAt(s, '任务表', 4, 11)).toBe(NO_VALUE);
    }
  });

  test('text criteria that cannot be numbers or dates match as text', () => {
    for (const code of ['【要点 4】凝练决策咨询重点课题', '课题一', 'AB12']) {
      const s = grids([[code, 1, 2, 1], [code.toLowerCase(), 3, 1, 1]], [[code, '课题']]);
      expect(valueAt(s, '任务表', 4, 11)).toBe(5);
    }
  });

  test('names: the task name, 0 for an empty name (a reference to an empty cell), the fallback for an unknown code, empty without a code', () => {
    const s = grids(lines, tasks);
    expect([4, 5, 6, 7, 8, 9].map((r) => valueAt(s, '预算明细', r, 2))).toEqual(['课题一', '课题一', '课题三', 0, '（无此任务编号）', '']);
  });
});

describe('readGrid: formulas without a value', () => {
  const META = { templateVersion: '1.0', year: '2023', committeeId: 'c2' };
  const keyed = (name: string, cols: typeof TASK_COLUMNS, rows: unknown[][]): GridSheet => ({ name, rows: [[name], cols.map((c) => c.key), cols.map((c) => c.header.zh), ...rows] });
  const budgetRow = (r: number, v: Record<string, unknown>) =>
    BUDGET_COLUMNS.map((c) => (c.key in v ? v[c.key] : c.key === 'amount' ? { formula: amountFormula('E', 'F', 'G', r) } : c.key === 'taskName' ? { formula: nameLookupFormula('任务表', 'C', 'A', 4, 4, 'A', r) } : null));

  test('rows of our formulas with empty inputs are empty; filled ones read as computed; a foreign formula is reported, never 0', () => {
    const rows = [budgetRow(4, { taskCode: 'T001', unitPrice: 0.5, quantity: 4 }), budgetRow(5, {}), budgetRow(6, {}), budgetRow(7, { taskCode: 'T001', unitPrice: 1, amount: { formula: 'E7*1.06' } })];
    for (let r = 8; r < 30; r++) rows.push(budgetRow(r, { basis: { formula: 'CONCATENATE("a","b")' } }));
    const raw = readGrid({
      file: '脚本.xlsx',
      meta: META,
      sheets: [keyed('任务表', TASK_COLUMNS, [TASK_COLUMNS.map((c) => (c.key === 'code' ? 'T001' : c.key === 'name' ? '课题' : null))]), keyed('预算明细', BUDGET_COLUMNS, rows), keyed('里程碑', MILESTONE_COLUMNS, [])],
    });
    expect(raw.budgetLines.map((l) => [l.source.row, l.cells.amount, l.cells.taskName])).toEqual([[4, 2, '课题'], [7, { formula: 'E7*1.06' }, '课题']]);
    const f = raw.readFindings.filter((x) => x.code === 'read.formula.noValue');
    expect(f.map((x) => [x.severity, x.row, x.column, x.columnKey])).toEqual([['error', 7, 'H', 'amount'], ['error', 8, 'I', 'basis']]);
    // One finding for the column of otherwise empty rows, saying which rows.
    expect(f[1].message.zh).toContain('第 8–29 行中的 22 行');
    expect(f[1].message.en).toContain('22 rows between 8 and 29');
    expect(f[0].message.zh).toBe('文件“脚本.xlsx”工作表“预算明细”第 7 行 H 列（金额）的公式“=E7*1.06”在文件中没有计算结果（保存文件的程序没有计算公式），无法读取它的值，不按 0 计算。');
    expect(f[0].fix).toEqual({ zh: '在 Excel 或 WPS 中打开该文件并保存（保存时会计算公式），然后重新提交。', en: 'Open the file in Excel or WPS and save it (this calculates the formulas), then submit it again.' });
  });

  test('an unheaded column holding only foreign formulas is not dropped silently', () => {
    const rows = [budgetRow(4, { taskCode: 'T001', unitPrice: 1 }).concat([{ formula: 'NOW()' }])];
    const raw = readGrid({ file: 'x.xlsx', meta: META, sheets: [keyed('任务表', TASK_COLUMNS, []), keyed('预算明细', BUDGET_COLUMNS, rows), keyed('里程碑', MILESTONE_COLUMNS, [])] });
    expect(raw.readFindings.map((x) => [x.code, x.column])).toEqual([['read.column.extra', 'J'], ['read.formula.noValue', 'J']]);
    expect(raw.readFindings[1].severity).toBe('warning');
  });
});

describe('sameFilledKey: filledKey equality without making the keys', () => {
  const forms = [
    (r: number) => amountFormula('E', 'F', 'G', r),
    (r: number) => budgetTotalFormula('预算明细', 'A', 'H', 4, 609, 'A', r),
    (r: number) => nameLookupFormula('任务表', 'C', 'A', 4, 309, 'A', r),
    (r: number) => `A${r}+B${r + 1}*$C$4`,
    (r: number) => `A${r}+B${r}*$C$4`,
    (r: number) => `"A${r}"&A${r}`,
    (r: number) => `'S${r}'!A${r}+Abc${r}!B2`,
    (r: number) => `SUM(A${r}:A${r * 2})`,
    (r: number) => `A${r}&"unclosed`,
    (r: number) => `A${r}\u0001${r - 1}`,
    (r: number) => `A${r}\u0001${r}`,
    (r: number) => `A0${r}`,
    (r: number) => `A${r}1`,
    (r: number) => `LOG10(A${r})+A99999999999999999999${r}`,
    () => 'SUM(A1:A9)',
    () => '',
  ];
  test('agrees with comparing filledKeys on formulas of many shapes, rows and spellings', () => {
    let equal = 0;
    for (const f of forms)
      for (const g of forms)
        for (const [ra, rb] of [[4, 4], [4, 5], [9, 10], [99, 100], [5, 4], [7, 300]]) {
          const a = f(ra), b = g(rb);
          for (const [x, y] of [[ra, rb], [ra, ra], [rb, ra]]) {
            const want = filledKey(a, x) === filledKey(b, y);
            if (want) equal++;
            expect([a, x, b, y, sameFilledKey(a, x, b, y)]).toEqual([a, x, b, y, want]);
          }
        }
    expect(equal).toBeGreaterThan(50);
  });

  test('a column of one formula filled down reads the same values through the column cache as one by one', () => {
    const rows = (n: number) => {
      const T: unknown[][] = [['任务表'], [], []];
      const B: unknown[][] = [['预算明细'], [], []];
      for (let r = 4; r < 4 + n; r++) {
        T[r - 1] = [`T${String(r).padStart(3, '0')}`, null, `任务${r}`];
        B[r - 1] = [`T${String(4 + (r % 7)).padStart(3, '0')}`, { formula: nameLookupFormula('任务表', 'C', 'A', 4, 3 + n, 'A', r) }, null, null, r % 5 ? r / 10 : '', r % 3 ? 2 : null, null, { formula: amountFormula('E', 'F', 'G', r) }];
      }
      return [{ name: '任务表', rows: T }, { name: '预算明细', rows: B }];
    };
    const sheets = rows(40);
    const together = new FormulaEvaluator(sheets);
    for (let r = 4; r < 44; r++)
      for (const col of [2, 8]) {
        const f = (sheets[1].rows[r - 1][col - 1] as { formula: string }).formula;
        const alone = new FormulaEvaluator(sheets).valueOf('预算明细', r, col, f);
        expect([r, col, together.valueOf('预算明细', r, col, f)]).toEqual([r, col, alone]);
      }
  });
});

/** sortFindings (packed keys) gives the order of its reference comparator, compareFindings, stably. */
import { compareFindings, sortFindings } from '../../../src/core/validate/codes';
import type { Finding, Severity } from '../../../src/core/validate/types';

function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
}

function findings(n: number, seed: number, odd = false): Finding[] {
  const r = rng(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(r() * a.length)];
  const out: Finding[] = [];
  for (let i = 0; i < n; i++) {
    out.push({
      severity: pick<Severity>(['error', 'warning', 'info']),
      code: pick(['task.required', 'date.reformatted', 'amount.zero', 'task.duplicate']),
      message: { zh: String(i), en: String(i) },
      file: pick(['b.xlsx', 'a.xlsx', '第3专委会.xlsx', '']),
      sheet: pick(['任务表', '预算明细', '里程碑', '', '_meta', '其他', 'Sheet1', '附表']),
      row: odd && r() < 0.05 ? pick([-1, 1.5, 5_000_000]) : Math.floor(r() * 40),
      column: odd && r() < 0.05 ? 'ZZZZ' : pick(['', 'A', 'B', 'H', 'Z', 'AA', 'AB']),
      columnKey: '',
      raw: null,
      fix: null,
    });
  }
  return out;
}

test.each([
  ['packed keys', false],
  ['rows and columns past the packed key (reference comparator)', true],
])('sortFindings orders as compareFindings, stably: %s', (_name, odd) => {
  for (const seed of [1, 2, 3]) {
    const list = findings(2000, seed, odd);
    const expected = list.slice().sort(compareFindings);
    const got = sortFindings(list);
    expect(got).toHaveLength(list.length);
    // Same objects in the same order (equal findings keep their input order).
    expect(got.every((f, i) => f === expected[i])).toBe(true);
  }
});

test('sortFindings returns a new array and leaves its input as it was', () => {
  const list = findings(50, 9);
  const copy = list.slice();
  const got = sortFindings(list);
  expect(got).not.toBe(list);
  expect(list.every((f, i) => f === copy[i])).toBe(true);
  expect(sortFindings([])).toEqual([]);
});

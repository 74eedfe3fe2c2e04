/**
 * makeFinding's texts are its templates filled from the parameters (fillTemplate, the reference),
 * whichever way they are built: shared when the templates have no placeholder or one placeholder
 * (per value), filled piece by piece otherwise.
 */
import { ALL_CODES, CODES, fillTemplate, makeFinding } from '../../../src/core/validate/codes';
import type { FindingCode } from '../../../src/core/validate/codes';

const at = (raw: unknown) => ({ source: { file: 'a.xlsx', sheet: '任务表', row: 3 }, column: 'B', columnKey: 'point', raw });
const names = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

function expected(code: FindingCode, params: Record<string, unknown>, raw: unknown) {
  const d = CODES[code];
  const r = raw === undefined || raw === null ? '' : raw instanceof Date ? raw.toISOString().slice(0, 10) : raw;
  return {
    message: { zh: fillTemplate(d.message.zh, params, r), en: fillTemplate(d.message.en, params, r) },
    fix: { zh: fillTemplate(d.fix.zh, params, r), en: fillTemplate(d.fix.en, params, r) },
  };
}

test.each(ALL_CODES)('%s: texts as fillTemplate gives them, for several values, twice', (code) => {
  const d = CODES[code];
  const keys = [...new Set([...names(d.message.zh), ...names(d.message.en), ...names(d.fix.zh), ...names(d.fix.en)])].filter((k) => k !== 'raw');
  const values: unknown[] = ['2023-05-03', 7, 0, 'T00012', '长'.repeat(80), null, undefined, 2.5];
  for (const raw of ['原值', 12.5, null, new Date(Date.UTC(2023, 4, 3)), 'x'.repeat(70)]) {
    for (const v of values) {
      const params = Object.fromEntries(keys.map((k) => [k, v]));
      for (let round = 0; round < 2; round++) {
        const f = makeFinding(code, at(raw), params);
        expect({ message: { ...f.message }, fix: f.fix && { ...f.fix } }).toEqual(expected(code, params, raw));
      }
    }
  }
});

test('a template pair with one placeholder gives one shared (frozen) message per value', () => {
  const a = makeFinding('budget.task.unknown', at('T9'), { code: 'T9' });
  const b = makeFinding('budget.task.unknown', at('T9'), { code: 'T9' });
  const c = makeFinding('budget.task.unknown', at('T8'), { code: 'T8' });
  expect(a.message).toBe(b.message);
  expect(c.message).not.toBe(a.message);
  expect(Object.isFrozen(a.message)).toBe(true);
  expect(c.message.zh).toBe('任务编号“T8”在任务表中不存在。');
  // A params' own raw wins over the location's raw.
  expect(makeFinding('budget.category.unknown', at('差旅费'), { raw: '会议费' }).message.zh).toBe('经费科目“会议费”不在科目列表中。');
  expect(makeFinding('budget.category.unknown', at('差旅费')).message.zh).toBe('经费科目“差旅费”不在科目列表中。');
});

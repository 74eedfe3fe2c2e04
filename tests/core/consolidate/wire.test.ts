/**
 * The wire format of a reader's result (core/consolidate/wire.ts): unpack(pack(x)) deep-equals x —
 * key order, missing keys vs undefined vs null, -0, NaN, huge numbers, unicode and separators kept —
 * for odd plain values and for ConsolidationInputs of varied submissions (findings, drafts, notes,
 * milestones with and without their task, refusals), also through Node's 'advanced' IPC copy.
 */
import * as v8 from 'v8';
import { isDeepStrictEqual } from 'util';
import { defaultCatalog } from '../../../src/core/catalog';
import { measureHints } from '../../../src/core/consolidate';
import type { ConsolidationInput } from '../../../src/core/consolidate';
import { inputOf } from '../../../src/core/consolidate/input';
import { isPacked, pack, unpack } from '../../../src/core/consolidate/wire';
import { defaultSettings } from '../../../src/core/plan/settings';
import { slimInput } from '../../../src/cli/commands/consolidate.read';
import { rawSubmission, validLine, validMilestone, validTask } from '../../helpers/rawSubmission';

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省' });

/** Deep-equal, and the same own keys in the same order at every level (what toEqual does not check). */
function sameShape(a: unknown, b: unknown, path = '$'): void {
  if (typeof a !== 'object' || a === null) {
    expect(Object.is(a, b) ? a : [path, b]).toEqual(a);
    return;
  }
  expect(typeof b).toBe('object');
  expect([path, Object.keys(b as object)]).toEqual([path, Object.keys(a)]);
  expect(Array.isArray(b)).toBe(Array.isArray(a));
  for (const k of Object.keys(a)) sameShape((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
}

const roundTrip = (x: unknown) => unpack(pack(x));
/** Through the copy Node's IPC makes ('advanced' serialization is v8's). */
const overIpc = (x: unknown) => unpack(v8.deserialize(v8.serialize(pack(x))));

describe('pack / unpack', () => {
  test('numbers keep their exact value', () => {
    const nums = [0, -0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 0.1, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, NaN, Infinity, -Infinity, 1 / 3];
    const back = overIpc(nums) as number[];
    expect(back).toHaveLength(nums.length);
    nums.forEach((n, i) => expect(Object.is(back[i], n)).toBe(true));
  });

  test('missing, undefined and null stay apart; key order is kept', () => {
    const x = { b: undefined, a: null, '2': 'two', '1': 'one', z: [undefined, null, false, true], nested: { empty: {}, list: [] } };
    const back = overIpc(x) as Record<string, unknown>;
    sameShape(x, back);
    expect('b' in back).toBe(true);
    expect(back.b).toBeUndefined();
    expect('c' in back).toBe(false);
    expect(back.a).toBeNull();
    expect((back.z as unknown[])[0]).toBeUndefined();
  });

  test('strings: unicode, empty, lone surrogates and the separators themselves', () => {
    const plain = ['', '计划预算', '𠀋𝄞 emoji 🙂', 'a\u0000b', ' spaces ', '\ud800', 'tab\tnew\nline'];
    sameShape(plain, overIpc(plain));
    expect(pack(plain).sep).not.toBe('');
    // Every separator taken: the table goes as JSON.
    const hostile = [...plain, 'x\u0001y', 'x\u0002y', 'x\u001fy'];
    expect(pack(hostile).sep).toBe('');
    sameShape(hostile, overIpc(hostile));
    sameShape([''], roundTrip(['']));
    sameShape('', roundTrip(''));
  });

  test('what is not plain data goes through as it is', () => {
    const d = new Date('2023-06-30T00:00:00Z');
    const sparse: unknown[] = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const proto = JSON.parse('{"__proto__": {"x": 1}, "y": 2}') as Record<string, unknown>;
    const x = { d, sparse, proto, map: new Map([['k', 1]]) };
    const p = pack(x);
    expect(p.rest).toHaveLength(4);
    const back = unpack(p) as typeof x;
    expect(back.d).toBe(d);
    expect(back.sparse).toBe(sparse);
    expect(back.proto).toBe(proto);
    const ipc = overIpc(x) as typeof x;
    expect(ipc.d).toEqual(d);
    expect(Object.prototype.hasOwnProperty.call(ipc.proto, '__proto__')).toBe(true);
    // Deep nesting (or a cycle) stops being walked: the rest of it goes as it is.
    type Deep = { next?: Deep; n: number };
    let deep: Deep = { n: 0 };
    for (let i = 1; i < 200; i++) deep = { next: deep, n: i };
    sameShape(deep, roundTrip(deep));
    const cyc: Record<string, unknown> = { a: 1 };
    cyc.self = cyc;
    const back2 = roundTrip(cyc) as Record<string, unknown>;
    expect(back2.a).toBe(1);
  });

  test('rows of one shape go column by column (tables), nested columns too, and come back the same', () => {
    class Source {
      constructor(public file: string, public sheet: string, public row: number) {}
    }
    const rows = Array.from({ length: 40 }, (_, i) => ({
      code: `T${i % 7}`,
      point: i % 3 === 0 ? null : i,
      name: i % 2 ? '同一个名字' : `任务${i}`,
      draft: i % 5 === 0,
      amount: i % 4 === 0 ? undefined : i / 3,
      neg: i === 3 ? -0 : NaN,
      source: new Source('', '任务表', i + 4),
      fields: i === 9 ? {} : { point: { value: i, raw: `第${i}项` } },
      milestones: i % 6 ? [] : [{ taskCode: `T${i}`, date: null }],
    }));
    const back = overIpc(rows) as typeof rows;
    // a class instance comes back as a plain object, as from a structured clone
    sameShape(rows.map((r) => ({ ...r, source: { ...r.source } })), back);
    expect(Object.is(back[3].neg, -0)).toBe(true);
    expect(Number.isNaN(back[4].neg)).toBe(true);
    expect('amount' in back[0] && back[0].amount === undefined).toBe(true);
    // a table of 40 rows × 3 texts: its tag, length and shape, then per column its tag and 40 string indexes
    // (an object per row would take a tag and a shape per row besides)
    const texts = Array.from({ length: 40 }, (_, i) => ({ a: 'x', b: `y${i}`, c: 'z' }));
    expect(pack(texts).ops.length).toBe(3 + 3 * 41);
    sameShape(texts, overIpc(texts));
  });

  test('arrays that are not tables (shapes differ, a key missing, odd items) still come back the same', () => {
    const base = () => Array.from({ length: 6 }, (_, i) => ({ a: i, b: `s${i % 2}`, c: { d: i } }));
    const reordered = base();
    reordered[3] = { b: 's1', a: 3, c: { d: 3 } };
    const missing = base() as Record<string, unknown>[];
    delete missing[5].b;
    const extra = base() as Record<string, unknown>[];
    extra[0].z = 1;
    const withNull = [...base(), null];
    const withArray = [...base(), [1, 2]];
    const nestedOdd = base() as Record<string, unknown>[];
    nestedOdd[2].c = { e: 2 };
    const nestedNull = base() as Record<string, unknown>[];
    nestedNull[4].c = null;
    for (const x of [reordered, missing, extra, withNull, withArray, nestedOdd, nestedNull]) sameShape(x, overIpc(x));
    const proto = base() as Record<string, unknown>[];
    proto[1] = JSON.parse('{"__proto__": 1, "a": 1, "b": "s1", "c": {"d": 1}}') as Record<string, unknown>;
    const back = unpack(pack(proto)) as Record<string, unknown>[];
    expect(back[1]).toBe(proto[1]);
    sameShape(proto[0], back[0]);
  });

  test('seeded random arrays of rows round-trip exactly', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const pick = <T,>(a: T[]) => a[Math.floor(rnd() * a.length)];
    const values: unknown[] = ['', 'x', '计划', 'x\u0001y', 0, -0, 1.5, 2 ** 40, NaN, null, undefined, true, false, [], {}, { k: 'v' }];
    for (let n = 0; n < 200; n++) {
      const keys = ['a', 'b', 'c', '1', 'd'].slice(0, 1 + Math.floor(rnd() * 5));
      const rows = Array.from({ length: Math.floor(rnd() * 12) }, () => {
        const o: Record<string, unknown> = {};
        for (const k of keys) if (rnd() > 0.05) o[k] = rnd() < 0.3 ? { s: pick(values), t: pick(values) } : pick(values);
        return o;
      });
      sameShape(rows, overIpc(rows));
    }
  });

  test('isPacked tells a packed value', () => {
    expect(isPacked(pack({ a: 1 }))).toBe(true);
    expect(isPacked({ v: 1 })).toBe(false);
    expect(isPacked(null)).toBe(false);
  });

  test('a corrupt packed value throws (the pool refuses that file)', () => {
    const p = pack({ a: 1 });
    p.ops = Int32Array.from([-99]);
    expect(() => unpack(p)).toThrow(/unknown op/);
  });
});

describe('ConsolidationInputs survive the trip', () => {
  const AT = '2023-02-01T00:00:00.000Z';
  const messy = () =>
    rawSubmission({ file: '第二专委会.xlsx', committeeId: 'c2', year: 2023, catalogHash: catalog.hash })
      .task(validTask({ code: 'T001' }))
      // full-width digits, a point written as text, a draft, an unreadable date, a unit in an amount
      .task(validTask({ code: 'T００2', point: '第５项', name: '智库理事会筹建 🙂', draft: '是', start: '明年', end: 45000 }))
      .task(validTask({ code: 'T003', point: '99 不存在的要点', committee: '不认识的委员会', remarks: 'x\u0001y' }))
      .task(validTask({ code: 'T001', name: '重复编号' }))
      .budget(validLine({ taskCode: 'T001', amount: '3万元' }))
      .budget(validLine({ taskCode: 'T001', amount: 1e308 }))
      .budget(validLine({ taskCode: 'T002', amount: -0, unitPrice: '１.５', quantity: '2', times: null }))
      .budget(validLine({ taskCode: 'T999', amount: 'abc', basis: '' }))
      .milestone(validMilestone())
      .milestone(validMilestone({ taskCode: 'T404', date: '2023年13月1日' }))
      .build();

  const cases = (): [string, ConsolidationInput][] => {
    const raw = messy();
    const full = inputOf(raw.file, new TextEncoder().encode('bytes'), { raw }, catalog, settings, undefined, AT);
    const slim = slimInput(full);
    if (slim.outcome.kind === 'checked') slim.measures = measureHints(slim.outcome.submission, catalog);
    const refused = inputOf('坏.xlsx', new Uint8Array(3), { refusal: { severity: 'error', code: 'file.corrupt', message: { zh: '文件已损坏', en: 'damaged' }, file: '坏.xlsx', sheet: '', row: 0, column: '', columnKey: '', raw: null, fix: null } }, catalog, settings);
    const other = inputOf('c3.xlsx', new Uint8Array(1), { raw: rawSubmission({ file: 'c3.xlsx', committeeId: 'c3', year: 2022 }).build() }, catalog, settings);
    return [
      ['checked (as read, with raw rows and every normalisation record)', full],
      ['checked, slimmed, with measure hints', slim],
      ['refused', refused],
      ['checked, empty, another year', other],
    ];
  };

  test.each(cases())('%s', (_label, input) => {
    const back = overIpc(input) as ConsolidationInput;
    sameShape(input, back);
    // exactly what the transport's own copy gave before (validation's rows are class instances: a
    // copy makes them plain; its objects are of Node's realm, not the test's, so compared by sameShape)
    sameShape(v8.deserialize(v8.serialize(input)), back);
  });

  test('a slimmed input (what the readers send) comes back strictly equal, prototypes included', () => {
    const [, slim] = cases()[1];
    expect(isDeepStrictEqual(overIpc(slim), slim)).toBe(true);
    expect(pack(slim).rest).toEqual([]);
    // what consolidation does not read stays behind: raw rows, column letters, normalisation records but the point's
    if (slim.outcome.kind !== 'checked') throw new Error('expected checked');
    expect(slim.outcome.raw.tasks).toEqual([]);
    expect(slim.outcome.submission.tasks.every((t) => t.columns === undefined && Object.keys(t.fields).every((k) => k === 'point'))).toBe(true);
    expect(slim.outcome.submission.budgetLines.every((l) => l.columns === undefined)).toBe(true);
  });

  test('the messy submission has what the trip must carry', () => {
    const [, full] = cases()[0];
    if (full.outcome.kind !== 'checked') throw new Error('expected checked');
    const { submission, findings } = full.outcome;
    expect(findings.length).toBeGreaterThan(3);
    expect(submission.tasks.some((t) => t.draft)).toBe(true);
    expect(submission.orphanMilestones.length).toBeGreaterThan(0);
    expect(submission.tasks.some((t) => t.milestones.length > 0)).toBe(true);
    expect(submission.tasks.some((t) => Object.values(t.fields).some((f) => f.note))).toBe(true);
    expect(submission.budgetLines.some((l) => 'amountSource' in l)).toBe(true);
  });
});

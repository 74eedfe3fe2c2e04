/**
 * Which of a committee's files counts (core/consolidate/latest.ts): the 提交 stamp, then the
 * workbook's own saved time, then the file's modification time, then the name, then SHA-256; a
 * bare submissionVersion never decides. What the roster and the 被替换 finding say about it.
 */
import { defaultCatalog } from '../../../src/core/catalog';
import { consolidate } from '../../../src/core/consolidate';
import type { ConsolidationInput } from '../../../src/core/consolidate';
import { inputOf } from '../../../src/core/consolidate/input';
import { decidingKey, newerFirst, type FileTimes } from '../../../src/core/consolidate/latest';
import { defaultSettings } from '../../../src/core/plan/settings';
import { instantOf } from '../../../src/core/util/time';
import { rawSubmission, validLine, validTask } from '../../helpers/rawSubmission';

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省' });
const AT = '2023-03-01T00:00:00.000Z';

interface FileCase {
  file: string;
  amount: number;
  meta?: Record<string, string>;
  savedAt?: string;
  modifiedAt?: string;
}

/** One c2 submission with one budget line of `amount`: the counted total says which file won. */
function file(c: FileCase): ConsolidationInput {
  const raw = rawSubmission({ file: c.file, committeeId: 'c2', year: 2023, catalogHash: catalog.hash })
    .task(validTask({ code: 'T001' }))
    .budget(validLine({ taskCode: 'T001', amount: c.amount }))
    .build();
  raw.meta = { ...raw.meta, generatedAt: '2023-01-05T08:00:00.000Z', ...c.meta };
  if (c.savedAt) raw.savedAt = c.savedAt;
  return inputOf(c.file, new TextEncoder().encode(JSON.stringify(c)), { raw }, catalog, settings, undefined, c.modifiedAt);
}

function run(files: FileCase[]) {
  const model = consolidate(files.map(file), catalog, settings, { generatedAt: AT });
  const c2 = model.roster.filter((r) => r.committeeId === 'c2');
  const winner = c2.find((r) => r.status !== '被替换')!;
  const replaced = c2.filter((r) => r.status === '被替换');
  const finding = (name: string) => model.findings.find((f) => f.code === 'consolidate.replaced' && f.file === name)!;
  return { model, winner, replaced, finding, total: model.byCommittee.find((c) => c.committeeId === 'c2')!.budget };
}

const noIsoText = (s: string) => expect(s).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);

describe('the latest resubmission wins by time, not by file name', () => {
  test('the later saved workbook wins though its name sorts first; roster and finding say why with both dates', () => {
    // "…-v2.xlsx" sorts before "….xlsx" ('-' < '.'): by name the original would win.
    const r = run([
      { file: '决策咨询.xlsx', amount: 2, savedAt: '2023-01-20T02:00:00.000Z', modifiedAt: '2023-02-15T00:00:00.000Z' },
      { file: '决策咨询-v2.xlsx', amount: 7, savedAt: '2023-02-09T02:00:00.000Z', modifiedAt: '2023-02-10T00:00:00.000Z' },
    ]);
    expect(r.winner.fileName).toBe('决策咨询-v2.xlsx');
    expect(r.total).toBe(7);
    expect(r.winner.basis!.zh).toBe('以本文件为准，替换了“决策咨询.xlsx”（按文件保存时间：本文件保存于 2023-02-09 10:00（北京时间），该文件保存于 2023-01-20 10:00（北京时间））。');
    expect(r.replaced.map((x) => x.fileName)).toEqual(['决策咨询.xlsx']);
    expect(r.replaced[0].reason!.zh).toBe('已被文件“决策咨询-v2.xlsx”替换（按文件保存时间：本文件保存于 2023-01-20 10:00（北京时间），该文件保存于 2023-02-09 10:00（北京时间））；其中 1 项任务、1 条预算、0 个里程碑均未汇总。');
    expect(r.finding('决策咨询.xlsx').message.zh).toBe(`决策咨询专委会的文件“决策咨询.xlsx”${r.replaced[0].reason!.zh}`);
    expect(r.finding('决策咨询.xlsx').message.en).toContain('by the time the workbook was saved: this file saved 2023-01-20 10:00 (Beijing time), that file saved 2023-02-09 10:00 (Beijing time)');
    for (const s of [r.winner.basis!.zh, r.replaced[0].reason!.zh, r.winner.basis!.en, r.finding('决策咨询.xlsx').message.en]) noIsoText(s);
    // The roster keeps the times themselves (ISO) for the summary to show.
    expect(r.winner).toMatchObject({ savedAt: '2023-02-09T02:00:00.000Z', modifiedAt: '2023-02-10T00:00:00.000Z', submittedAt: '' });
  });

  test('without a saved time the file modification time decides, and says so', () => {
    const r = run([
      { file: '决策咨询.xlsx', amount: 2, modifiedAt: '2023-01-20T02:00:00.000Z' },
      { file: '决策咨询-v2.xlsx', amount: 7, modifiedAt: '2023-02-09T02:00:00.000Z' },
    ]);
    expect(r.winner.fileName).toBe('决策咨询-v2.xlsx');
    expect(r.replaced[0].reason!.zh).toContain('按文件修改时间：本文件修改于 2023-01-20 10:00（北京时间），该文件修改于 2023-02-09 10:00（北京时间）');
  });

  test('a saved time on one side only: the file that has one wins on that key (unknown is earliest)', () => {
    const r = run([
      { file: '决策咨询.xlsx', amount: 2, savedAt: '2023-01-20T02:00:00.000Z', modifiedAt: '2023-01-21T00:00:00.000Z' },
      { file: '决策咨询-v2.xlsx', amount: 7, modifiedAt: '2023-02-09T02:00:00.000Z' },
    ]);
    expect(r.winner.fileName).toBe('决策咨询.xlsx');
    expect(r.replaced[0].reason!.zh).toContain('按文件保存时间：本文件无保存时间，该文件保存于 2023-01-20 10:00（北京时间）');
  });

  test('with no time at all, the name decides (the later name), and the note says the times were equal or unknown', () => {
    const r = run([
      { file: '决策咨询-1.xlsx', amount: 2 },
      { file: '决策咨询-2.xlsx', amount: 7 },
    ]);
    expect(r.winner.fileName).toBe('决策咨询-2.xlsx');
    expect(r.replaced[0].reason!.zh).toContain('按文件名（提交、保存和修改时间都相同或不详');
  });

  test('a 提交-stamped file beats an unstamped one saved later; later saves of a stamped workbook keep its stamp and win by saved time', () => {
    const stamped = { file: '决策咨询-提交.xlsx', amount: 2, meta: { submittedAt: '2023-02-01T02:00:00.000Z', submissionVersion: '1' }, savedAt: '2023-01-30T00:00:00.000Z' };
    const later = { file: '决策咨询-改.xlsx', amount: 7, savedAt: '2023-02-20T00:00:00.000Z', modifiedAt: '2023-02-20T00:00:00.000Z' };
    const r = run([stamped, later]);
    expect(r.winner.fileName).toBe('决策咨询-提交.xlsx');
    expect(r.total).toBe(2);
    expect(r.replaced[0].reason!.zh).toContain('按提交时间：本文件无提交标记，该文件提交于 2023-02-01 10:00（北京时间）');
    expect(r.finding('决策咨询-改.xlsx').fix!.zh).toContain('提交');
    // The same workbook saved again after the stamp carries the stamp: the later save wins.
    const resaved = { ...later, meta: stamped.meta };
    const r2 = run([stamped, resaved]);
    expect(r2.winner.fileName).toBe('决策咨询-改.xlsx');
    expect(r2.replaced[0].reason!.zh).toContain('按文件保存时间');
  });

  test('a forged submissionVersion never wins: not over a later stamp, a stamped file, or a later save', () => {
    const forged = (extra: Record<string, string>) => ({ file: '决策咨询-伪.xlsx', amount: 999, meta: { submissionVersion: '999', ...extra }, savedAt: '2023-01-10T00:00:00.000Z' });
    expect(run([forged({ submittedAt: '2023-01-10T00:00:00.000Z' }), { file: '决策咨询.xlsx', amount: 2, meta: { submittedAt: '2023-01-11T00:00:00.000Z', submissionVersion: '1' } }]).winner.fileName).toBe('决策咨询.xlsx');
    expect(run([forged({}), { file: '决策咨询.xlsx', amount: 2, meta: { submittedAt: '2023-01-01T00:00:00.000Z', submissionVersion: '1' } }]).winner.fileName).toBe('决策咨询.xlsx');
    expect(run([forged({}), { file: '决策咨询.xlsx', amount: 2, savedAt: '2023-01-11T00:00:00.000Z' }]).winner.fileName).toBe('决策咨询.xlsx');
    // The version is still shown.
    expect(run([forged({})]).winner.submissionVersion).toBe('999');
  });

  test('generatedAt is not a submission time (every copy of a template has the same)', () => {
    const r = run([{ file: '决策咨询.xlsx', amount: 2 }]);
    expect(r.winner.submittedAt).toBe('');
    expect(r.winner.basis).toBeNull(); // alone: nothing to explain
  });

  test('three files: every order of the inputs gives the same winner and notes', () => {
    const cases: FileCase[] = [
      { file: 'a.xlsx', amount: 1, savedAt: '2023-02-01T00:00:00Z' },
      { file: 'b.xlsx', amount: 2, savedAt: '2023-02-03T00:00:00Z', modifiedAt: '2023-01-01T00:00:00Z' },
      { file: 'c.xlsx', amount: 3, savedAt: '2023-02-03T00:00:00Z', modifiedAt: '2023-01-02T00:00:00Z' },
    ];
    const perms = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
    const models = perms.map((p) => consolidate(p.map((i) => file(cases[i])), catalog, settings, { generatedAt: AT }));
    for (const m of models) expect(m).toEqual(models[0]);
    const c2 = models[0].roster.filter((r) => r.committeeId === 'c2');
    expect(c2[0].fileName).toBe('c.xlsx');
    // The replaced files newest first, each with the key that decided against it.
    expect(c2[0].basis!.zh).toBe('以本文件为准，替换了“b.xlsx”（按文件修改时间：本文件修改于 2023-01-02 08:00（北京时间），该文件修改于 2023-01-01 08:00（北京时间））；替换了“a.xlsx”（按文件保存时间：本文件保存于 2023-02-03 08:00（北京时间），该文件保存于 2023-02-01 08:00（北京时间））。');
  });
});

describe('the order itself', () => {
  const t = (x: Partial<FileTimes>): FileTimes => ({ fileName: 'x.xlsx', sha256: '00', submittedAt: '', savedAt: '', modifiedAt: '', ...x });
  test('each key decides only when the ones before it tie', () => {
    expect(decidingKey(t({ submittedAt: '2023-01-02T00:00:00Z', savedAt: '2023-01-01T00:00:00Z' }), t({ submittedAt: '2023-01-01T00:00:00Z', savedAt: '2023-12-01T00:00:00Z' }))).toBe('submitted');
    expect(decidingKey(t({ savedAt: '2023-01-02T00:00:00Z', modifiedAt: '2023-01-01T00:00:00Z' }), t({ savedAt: '2023-01-01T00:00:00Z', modifiedAt: '2023-12-01T00:00:00Z' }))).toBe('saved');
    expect(decidingKey(t({ modifiedAt: '2023-01-02T00:00:00Z', fileName: 'a' }), t({ modifiedAt: '2023-01-01T00:00:00Z', fileName: 'b' }))).toBe('modified');
    expect(decidingKey(t({ fileName: 'a' }), t({ fileName: 'b' }))).toBe('name');
    expect(decidingKey(t({ sha256: 'aa' }), t({ sha256: 'bb' }))).toBe('sha256');
    expect(decidingKey(t({}), t({}))).toBeNull();
    // The same instant written two ways ties.
    expect(decidingKey(t({ savedAt: '2023-01-01T08:00:00+08:00' }), t({ savedAt: '2023-01-01T00:00:00.000Z' }))).toBeNull();
    // An unreadable time is as unknown: earlier than any time.
    expect(newerFirst(t({ submittedAt: '昨天' }), t({ submittedAt: '2023-01-01T00:00:00Z' }))).toBeGreaterThan(0);
  });

  test('instants: zones, long fractions (LibreOffice), no zone = 北京时间, a date alone, and refusals', () => {
    expect(instantOf('2023-03-21T02:00:00Z')).toBe(Date.UTC(2023, 2, 21, 2));
    expect(instantOf('2023-03-21T10:00:00+08:00')).toBe(Date.UTC(2023, 2, 21, 2));
    expect(instantOf('2023-03-21T02:00:00.123456789Z')).toBe(Date.UTC(2023, 2, 21, 2, 0, 0, 123));
    expect(instantOf('2023-03-21T10:00:00')).toBe(Date.UTC(2023, 2, 21, 2));
    expect(instantOf('2023-03-21 10:00')).toBe(Date.UTC(2023, 2, 21, 2));
    expect(instantOf('2023-03-21')).toBe(Date.UTC(2023, 2, 21));
    expect(instantOf('2023-03-20T20:00:00-06:00')).toBe(Date.UTC(2023, 2, 21, 2));
    for (const bad of ['', '昨天', '2023-13-01T00:00:00Z', '2023-02-30', '21/03/2023']) expect(instantOf(bad)).toBeNull();
  });
});

/**
 * Submissions cannot be forged silently (issue 14): the committee token in _meta, checked by
 * consolidation. Submissions built in code; tokens made with Node's crypto (not our HMAC), so the
 * checks here hold against an independent computation.
 */
import { createHmac } from 'crypto';
import { defaultCatalog } from '../../../src/core/catalog';
import { consolidate } from '../../../src/core/consolidate';
import type { SummaryModel } from '../../../src/core/consolidate';
import { inputOf } from '../../../src/core/consolidate/input';
import { defaultSettings } from '../../../src/core/plan/settings';
import { committeeToken } from '../../../src/core/plan/token';
import type { RawSubmission } from '../../../src/core/plan/types';
import { describeCommitteeWorkbook } from '../../../src/core/sheets/committeeWorkbook';
import { describeSummaryWorkbook, SUMMARY_SHEETS } from '../../../src/core/sheets/summaryWorkbook';
import { rawSubmission, validLine, validTask } from '../../helpers/rawSubmission';

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { organisation: '江苏省老科协', region: '江苏省' });
const SECRET = 'f3c1a9e0b7d24c55a1e8b6f0d9c3e2a17b5d4c3f2e1a0b9c8d7e6f5a4b3c2d1e';
const AT = '2023-02-01T00:00:00.000Z';
const name = (id: string) => catalog.committees.find((c) => c.id === id)!.name;

/** The token as the product defines it (core/plan/token.ts), computed with Node's crypto. */
const nodeToken = (secret: string, committeeId: string, year: number, hash = catalog.hash) =>
  'v1.' + createHmac('sha256', secret).update(`plan-budget committee token v1\n${committeeId}\n${year}\n${hash}`).digest('hex');

function sub(file: string, committeeId: string, meta: Record<string, string>, amount = 2): RawSubmission {
  const raw = rawSubmission({ file, committeeId, year: 2023, catalogHash: catalog.hash })
    .task(validTask({ code: 'T001' }))
    .budget(validLine({ taskCode: 'T001', amount }))
    .build();
  raw.meta = { ...raw.meta, templateVersion: '1.0', ...meta };
  return raw;
}
const enc = (s: string) => new TextEncoder().encode(s);
const input = (raw: RawSubmission) => inputOf(raw.file, enc(raw.file + JSON.stringify(raw.meta)), { raw }, catalog, settings);
const rosterOf = (m: SummaryModel, file: string) => m.roster.find((r) => r.fileName === file)!;
const codes = (m: SummaryModel, file?: string) => m.findings.filter((f) => file === undefined || f.file === file).map((f) => f.code);

test('the token is HMAC-SHA256 over committee id, year and catalog hash (same as Node crypto), and generated workbooks carry it in _meta', () => {
  expect(committeeToken(SECRET, { committeeId: 'c2', year: 2023, catalogHash: catalog.hash })).toBe(nodeToken(SECRET, 'c2', 2023));
  const metaOf = (secret?: string) => {
    const spec = describeCommitteeWorkbook(catalog, settings, 'c2', { generatedAt: AT, secret });
    const rows = spec.sheets.find((s) => s.name === '_meta')!.blocks[0].rows;
    return new Map(rows.map((r) => [String(r![0]!.v), String(r![1]!.v)]));
  };
  expect(metaOf(SECRET).get('token')).toBe(nodeToken(SECRET, 'c2', 2023));
  expect(metaOf(undefined).has('token')).toBe(false);
  expect(metaOf('  ').has('token')).toBe(false);
  // the secret itself is written nowhere
  expect(JSON.stringify(describeCommitteeWorkbook(catalog, settings, 'c2', { generatedAt: AT, secret: SECRET }))).not.toContain(SECRET);
});

describe('a forged _meta (another committee id, version 999) mixed in with the real submission', () => {
  const real = sub('决策咨询专委会.xlsx', 'c2', { token: nodeToken(SECRET, 'c2', 2023), submissionVersion: '1', submittedAt: '2023-01-10T08:00:00Z' }, 2);
  // 科普与教育专委会 (c3) took its own workbook and changed _meta to say c2, version 999, a later stamp.
  const forged = sub('决策咨询专委会-最终版.xlsx', 'c2', { token: nodeToken(SECRET, 'c3', 2023), committee: name('c2'), submissionVersion: '999', submittedAt: '2023-01-30T08:00:00Z' }, 900);
  const run = (order: RawSubmission[]) => consolidate(order.map(input), catalog, settings, { generatedAt: AT, secret: SECRET });

  test('the real one counts; the forged one is refused, naming the committee it claims and whose token it carries', () => {
    for (const m of [run([real, forged]), run([forged, real])]) {
      const r = rosterOf(m, real.file), f = rosterOf(m, forged.file);
      expect([r.status, r.token]).toEqual(['已提交', 'verified']);
      expect([f.status, f.token]).toEqual(['已拒收', 'forged']);
      expect(f.reason!.zh).toContain(`自称属于${name('c2')}（c2）`);
      expect(f.reason!.zh).toContain(`令牌属于${name('c3')}（c3）`);
      expect(f.reason!.en).toContain(`claims to be ${name('c2')}'s (c2)`);
      expect(m.totals).toMatchObject({ accepted: 1, refused: 1, replaced: 0 });
      expect(m.byCommittee.find((c) => c.committeeId === 'c2')!.budget).toBe(2);
      expect(codes(m, forged.file)).toContain('consolidate.refused.forged');
      expect(m.findings.find((x) => x.code === 'consolidate.refused.forged')!.severity).toBe('error');
    }
  });

  test('a made-up token is refused too', () => {
    const madeUp = sub('决策咨询专委会-2.xlsx', 'c2', { token: 'v1.' + '0'.repeat(64), submissionVersion: '999', submittedAt: '2023-01-30T08:00:00Z' }, 900);
    const m = run([real, madeUp]);
    expect(rosterOf(m, madeUp.file).status).toBe('已拒收');
    expect(rosterOf(m, madeUp.file).reason!.zh).toContain('令牌不是秘书处为该专委会、2023 年和本版工作要点生成的');
    expect(rosterOf(m, real.file).status).toBe('已提交');
  });

  test('the forged file with its token removed (and a later stamp) does not replace the verified one: listed as replaced, with a warning', () => {
    const stripped = sub('决策咨询专委会-最终版.xlsx', 'c2', { submissionVersion: '999', submittedAt: '2023-01-30T08:00:00Z' }, 900);
    const m = run([stripped, real]);
    expect(rosterOf(m, real.file)).toMatchObject({ status: '已提交', token: 'verified' });
    expect(rosterOf(m, stripped.file)).toMatchObject({ status: '被替换', token: 'none' });
    expect(rosterOf(m, stripped.file).reason!.zh).toContain(`已被令牌有效的文件“${real.file}”替换（本文件无令牌，不能替换已验证的文件）`);
    expect(rosterOf(m, real.file).basis!.zh).toContain('本文件令牌已验证');
    const replaced = m.findings.find((f) => f.code === 'consolidate.replaced' && f.file === stripped.file)!;
    expect(replaced.severity).toBe('warning');
    expect(codes(m, stripped.file)).toContain('consolidate.token.missing');
    expect(m.byCommittee.find((c) => c.committeeId === 'c2')!.budget).toBe(2);
  });
});

test('a token made for another year (the year in _meta changed) is refused as forged', () => {
  const lastYear = sub('决策咨询专委会.xlsx', 'c2', { token: nodeToken(SECRET, 'c2', 2022) });
  const m = consolidate([input(lastYear)], catalog, settings, { generatedAt: AT, secret: SECRET });
  expect(rosterOf(m, lastYear.file)).toMatchObject({ status: '已拒收', token: 'forged' });
  expect(rosterOf(m, lastYear.file).reason!.zh).toContain('疑似伪造');
  // the same token checked for 2022 is the real one: it is the year that does not match
  const s2022 = defaultSettings(catalog, { ...settings, year: 2022 });
  const raw2022 = sub('决策咨询专委会.xlsx', 'c2', { token: nodeToken(SECRET, 'c2', 2022), year: '2022' });
  const m2022 = consolidate([inputOf(raw2022.file, enc('x'), { raw: raw2022 }, catalog, s2022)], catalog, s2022, { generatedAt: AT, secret: SECRET });
  expect(rosterOf(m2022, raw2022.file).token).toBe('verified');
});

test('a token from another secret is refused (another secretariat, or a secret that changed)', () => {
  const other = sub('决策咨询专委会.xlsx', 'c2', { token: nodeToken('another secret', 'c2', 2023) });
  const m = consolidate([input(other)], catalog, settings, { generatedAt: AT, secret: SECRET });
  expect(rosterOf(m, other.file).status).toBe('已拒收');
  expect(m.findings.find((f) => f.code === 'consolidate.refused.forged')!.fix!.zh).toContain('密钥');
});

test('a workbook generated before tokens still consolidates, flagged 无令牌', () => {
  const old = sub('决策咨询专委会.xlsx', 'c2', {});
  const m = consolidate([input(old)], catalog, settings, { generatedAt: AT, secret: SECRET });
  expect(rosterOf(m, old.file)).toMatchObject({ status: '已提交', token: 'none' });
  expect(m.findings.find((f) => f.code === 'consolidate.token.missing')).toMatchObject({ severity: 'warning', file: old.file });
  expect(m.byCommittee.find((c) => c.committeeId === 'c2')!.budget).toBe(2);
});

describe('without a secret', () => {
  const a = sub('决策咨询专委会.xlsx', 'c2', { token: nodeToken(SECRET, 'c2', 2023), submittedAt: '2023-01-10T08:00:00Z' }, 2);
  const b = sub('决策咨询专委会-最终版.xlsx', 'c2', { token: nodeToken(SECRET, 'c3', 2023), submissionVersion: '999', submittedAt: '2023-01-30T08:00:00Z' }, 900);
  const m = consolidate([input(a), input(b)], catalog, settings, { generatedAt: AT });

  test('tokens are not verified, and the run says so in a warning', () => {
    expect(rosterOf(m, a.file).token).toBe('unverified');
    expect(rosterOf(m, b.file).token).toBe('unverified');
    const w = m.findings.filter((f) => f.code === 'consolidate.token.noSecret');
    expect(w).toHaveLength(1);
    expect(w[0].severity).toBe('warning');
    expect(w[0].message.zh).toContain('未设置密钥：2 个文件的令牌均未验证');
  });

  test('two unverifiable files for one committee: both listed, the latest by time counts, and a warning says so', () => {
    expect(rosterOf(m, b.file).status).toBe('已提交');
    expect(rosterOf(m, a.file).status).toBe('被替换');
    const w = m.findings.find((f) => f.code === 'consolidate.token.unverifiedChoice')!;
    expect(w.severity).toBe('warning');
    expect(w.message.zh).toContain(`${name('c2')}有 2 个文件都无法验证令牌`);
    expect(w.message.zh).toContain(`按时间以“${b.file}”为准`);
    expect(w.message.zh).toContain(`“${a.file}”（未验证（未设置密钥））`);
  });

  test('a single file gets no choice warning', () => {
    const one = consolidate([input(a)], catalog, settings, { generatedAt: AT });
    expect(codes(one)).not.toContain('consolidate.token.unverifiedChoice');
    expect(codes(one)).toContain('consolidate.token.noSecret');
  });
});

test('报送情况 on 封面 shows each file\'s committee, token status, version and time', () => {
  const real = sub('决策咨询专委会.xlsx', 'c2', { token: nodeToken(SECRET, 'c2', 2023), submissionVersion: '3', submittedAt: '2023-01-10T08:00:00Z' });
  const forged = sub('伪造.xlsx', 'c2', { token: nodeToken(SECRET, 'c3', 2023), submissionVersion: '999' });
  const old = sub('科普.xlsx', 'c3', { submissionVersion: '1' });
  const m = consolidate([real, forged, old].map(input), catalog, settings, { generatedAt: AT, secret: SECRET });
  const cover = describeSummaryWorkbook(m, catalog, settings).sheets.find((s) => s.name === SUMMARY_SHEETS.cover)!;
  const rows = cover.blocks[0].rows.map((r) => (r ?? []).map((c) => (c ? c.v : null)));
  const head = rows.findIndex((r) => r[0] === '专委会');
  const col = (h: string) => rows[head].indexOf(h);
  const line = (file: string) => rows.find((r) => r[col('文件名')] === file)!;
  expect(rows[head].slice(0, 5)).toEqual(['专委会', '状态', '文件名', '令牌', '提交版本']);
  expect(rows[head]).not.toContain('SHA-256'); // on 文件信息
  expect([line(real.file)[col('专委会')], line(real.file)[col('令牌')], line(real.file)[col('提交版本')], line(real.file)[col('提交时间')]]).toEqual([name('c2'), '已验证', '3', '2023-01-10 16:00（北京时间）']);
  expect([line(forged.file)[col('状态')], line(forged.file)[col('令牌')], line(forged.file)[col('提交版本')]]).toEqual(['已拒收', '令牌不符', '999']);
  expect([line(old.file)[col('专委会')], line(old.file)[col('令牌')]]).toEqual([name('c3'), '无令牌']);
  const noSecret = consolidate([input(real)], catalog, settings, { generatedAt: AT });
  const rows2 = describeSummaryWorkbook(noSecret, catalog, settings).sheets.find((s) => s.name === SUMMARY_SHEETS.cover)!.blocks[0].rows.map((r) => (r ?? []).map((c) => (c ? c.v : null)));
  expect(rows2.find((r) => r[col('文件名')] === real.file)![col('令牌')]).toBe('未验证（未设置密钥）');
});

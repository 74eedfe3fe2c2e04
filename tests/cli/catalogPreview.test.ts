/** plan-budget catalog import / show: the preview a secretariat checks (sections, points with committees and measures, doubts), --json, pointCommittees. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { main } from '../../src/cli/main';

const FIXTURES = resolve(__dirname, '../core/catalog/fixtures');
const dir = mkdtempSync(join(tmpdir(), 'pb-catalog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: false, columns: 100 }, cwd: dir });
  return { code, stdout, stderr };
}

test('catalog import prints sections, groups, points with committees and measures, and the doubts', async () => {
  const r = await run(['catalog', 'import', join(FIXTURES, 'levels-fangan.txt')]);
  expect(r.code).toBe(0);
  const lines = r.stdout.split('\n');
  expect(lines[0]).toMatch(/^某某老科协2025年科普工作方案 {2}（2025 年，3 个部分，5 条要点，2 个责任单位，内容哈希 [0-9a-f]{16}）$/);
  expect(lines.slice(1, 13)).toEqual([
    '编号层级：部分“一、”，分组“（一）”，要点“1.”',
    '',
    '一、指导思想（仅说明文字，无要点）',
    '',
    '二、主要任务',
    '  【办好老年科技大学】',
    '   1. 推进省级全覆盖 — 科普与教育专委会',
    '        1) 进一步推进老年科技大学省级全覆盖。',
    '        2) 召开老年科技大学建设研讨交流会。',
    '   2. 加强师资建设 — 科普与教育专委会、秘书处',
    '        1) 强化师资库和课程库建设。',
    '        2) 举办科普教师培训班。',
  ]);
  expect(lines).toContain('[提示] 要点层级：以“1.”编号的条目为要点，“（一）”为分组标题（其下各条才是具体工作）。');
});

test('--json gives the same preview for scripts; -o still saves the catalog', async () => {
  const r = await run(['catalog', 'import', join(FIXTURES, 'notice-fangan.txt'), '--json', '-o', 'c.json']);
  expect(r.code).toBe(0);
  const v = JSON.parse(r.stdout);
  expect(v.title).toBe('某某老科协关于加强老科技工作者队伍建设的实施方案');
  expect(v.counts).toEqual({ sections: 3, points: 3, committees: 3, measures: 4, doubts: 3 });
  expect(v.sections.map((s: { title: string; points: { title: string }[]; text?: string }) => [s.title, s.points.map((p) => p.title), s.text ?? ''])).toEqual([
    ['总体要求', [], '以习近平新时代中国特色社会主义思想为指导，坚持党建引领，服务发展大局。'],
    ['重点任务', ['加强组织建设', '提升服务能力'], ''],
    ['保障措施', ['加强组织领导'], ''],
  ]);
  expect(v.sections[1].points[0].measures).toEqual([
    { index: 1, text: '推动建立社区老科协。', committee: '组织建设与服务专委会' },
    { index: 2, text: '开展会员状况普查。', committee: '组织建设与服务专委会' },
  ]);
  expect(v.doubts.map((d: { code: string }) => d.code)).toEqual(['notice', 'numbering-repeat', 'year-from-body']);
  expect(JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8')).hash).toBe(v.hash);
});

test('pointCommittees in the settings assign committees to an outline that names none', async () => {
  writeFileSync(join(dir, 's.yaml'), `catalog: ${join(FIXTURES, 'no-responsibility.txt')}\npointCommittees:\n  1: 党委\n  2: [党委, 秘书处]\n  3: 科普与教育专委会、秘书处\nceilings: { 秘书处: 5 }\n`);
  const r = await run(['--settings', 's.yaml', 'catalog', 'show', '--json']);
  expect(r.code).toBe(0);
  const v = JSON.parse(r.stdout);
  expect(v.committees).toEqual([{ id: 'c1', name: '党委' }, { id: 'c2', name: '秘书处' }, { id: 'c3', name: '科普与教育专委会' }]);
  expect(v.sections.flatMap((s: { points: { committees: string[]; responsibility: string }[] }) => s.points.map((p) => [p.committees, p.responsibility]))).toEqual([
    [['党委'], 'assigned'], [['党委', '秘书处'], 'assigned'], [['科普与教育专委会', '秘书处'], 'assigned'],
  ]);
  expect(v.doubts).toEqual([]);
  writeFileSync(join(dir, 'bad.yaml'), `catalog: ${join(FIXTURES, 'no-responsibility.txt')}\npointCommittees:\n  9: 党委\n`);
  const bad = await run(['--settings', 'bad.yaml', 'catalog', 'show']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('要点负责专委会中的要点“9”不在工作要点中（共 3 条）');
});

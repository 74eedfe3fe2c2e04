/**
 * The page's 汇总 (engine.summarise): a committee's files are ordered by the workbook's saved time
 * (RawSubmission.savedAt, read from core.xml), then by File.lastModified (Checked.modifiedAt); the
 * roster shown on the page (报送情况) says on both sides which file counts and why.
 */
import { TextEncoder as NodeTextEncoder } from 'node:util';
import { defaultCatalog } from '../../src/core/catalog';
import { defaultSettings } from '../../src/core/plan/settings';
import type { Task } from '../../src/core/plan/types';
import type { Checked } from '../../src/taskpane/engine';
import { engine } from '../../src/taskpane/engine/impl';

if (!globalThis.TextEncoder) Object.assign(globalThis, { TextEncoder: NodeTextEncoder });

const catalog = defaultCatalog();
const settings = defaultSettings(catalog, { year: 2023 });
const task = (file: string): Task => ({ code: 'T001', point: 4, name: '任务', content: '内容', committeeId: 'c2', committeeText: '决策咨询专委会', owner: '张三', partners: '', start: '2023-03-01', end: '2023-11-30', kpi: '', remarks: '', draft: false, declaredTotal: null, milestones: [], source: { file, sheet: '任务表', row: 4 }, fields: {} });

function checked(file: string, times: { savedAt?: string; modifiedAt?: string }): Checked {
  const meta = { templateVersion: '1.0', year: '2023', committeeId: 'c2', catalogHash: catalog.hash, generatedAt: '2023-01-05T08:00:00.000Z' };
  return {
    file,
    bytes: new TextEncoder().encode(file),
    modifiedAt: times.modifiedAt,
    raw: { file, meta, tasks: [], budgetLines: [], milestones: [], readFindings: [], ...(times.savedAt ? { savedAt: times.savedAt } : {}) },
    submission: { file, meta, committeeId: 'c2', tasks: [task(file)], budgetLines: [], orphanMilestones: [] },
    findings: [],
  };
}

test('the workbook saved later wins on the page though its name sorts first and it was picked from an older file', () => {
  const s = engine.summarise(
    [checked('决策咨询.xlsx', { savedAt: '2023-01-05T08:00:00.000Z', modifiedAt: '2023-02-20T00:00:00.000Z' }), checked('决策咨询-v2.xlsx', { savedAt: '2023-01-25T08:00:00.000Z', modifiedAt: '2023-01-26T00:00:00.000Z' })],
    [],
    catalog,
    settings,
    null,
  );
  const c2 = s.roster.filter((r) => r.committeeId === 'c2');
  expect(c2.map((r) => [r.file, r.status])).toEqual([['决策咨询-v2.xlsx', 'submitted'], ['决策咨询.xlsx', 'replaced']]);
  expect(c2[0].reason!.zh).toBe('以本文件为准，替换了“决策咨询.xlsx”（按文件保存时间：本文件保存于 2023-01-25 16:00（北京时间），该文件保存于 2023-01-05 16:00（北京时间））。');
  expect(c2[1].reason!.zh).toContain('按文件保存时间：本文件保存于 2023-01-05 16:00（北京时间），该文件保存于 2023-01-25 16:00（北京时间）');
});

test('with no saved time, File.lastModified decides', () => {
  const s = engine.summarise([checked('决策咨询.xlsx', { modifiedAt: '2023-02-20T00:00:00.000Z' }), checked('决策咨询-v2.xlsx', { modifiedAt: '2023-01-26T00:00:00.000Z' })], [], catalog, settings, null);
  const c2 = s.roster.filter((r) => r.committeeId === 'c2');
  expect(c2[0].file).toBe('决策咨询.xlsx');
  expect(c2[0].reason!.zh).toContain('按文件修改时间：本文件修改于 2023-02-20 08:00（北京时间），该文件修改于 2023-01-26 08:00（北京时间）');
});

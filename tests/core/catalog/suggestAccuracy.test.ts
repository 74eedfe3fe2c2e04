/** The point suggestions on bench:suggest's labelled set (bench/suggestSet.ts) stay at the targets. */
import { measureSuggestions } from '../../../bench/suggest';

test('top-1 ≥ 90 % and false alarms ≤ 2 % on the whole labelled set; tasks filed under another committee’s point are mostly caught', () => {
  const f = measureSuggestions();
  const all = f.rows.find((r) => r.kind === 'all')!;
  expect(all.n).toBeGreaterThan(300);
  expect(all.top1).toBeGreaterThanOrEqual(0.9);
  expect(all.falseAlarms).toBeLessThanOrEqual(0.02);
  for (const r of f.rows) expect([r.kind, r.falseAlarms <= 0.02, r.top1 >= 0.9, r.top3 >= 0.9]).toEqual([r.kind, true, true, true]);
  expect(all.textTop1).toBeGreaterThanOrEqual(0.9);
  expect(f.misfiled.caught).toBeGreaterThanOrEqual(0.75);
});

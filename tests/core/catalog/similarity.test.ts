import fc from 'fast-check';
import { defaultCatalog } from '../../../src/core/catalog';
import { buildPointIndex, scoreAllPoints, scorePoint, suggestMeasures, suggestMeasuresByMaps, suggestPoints } from '../../../src/core/catalog/similarity';
import { taskTextScorer } from '../../../src/core/catalog/taskScorer';

const catalog = defaultCatalog();
const index = buildPointIndex(catalog);

describe('point similarity on the real 2023 points', () => {
  test.each([
    ['组织老科协奖评选表彰', 15],
    ['老年科技大学师资培训', 7],
    ['乡村振兴农业技术示范', 11],
    ['开展医疗义诊和健康咨询', 8],
    ['党务干部培训', 3],
    ['服务专精特新企业工作研讨会', 12],
    ['组织编撰老科技工作者回忆录', 14],
    ['新闻写作技能培训', 16],
    ['召开会长办公会和理事会', 17],
    ['长三角区域论坛', 13],
  ])('%s → point %d', (text, point) => {
    const [best, second] = suggestPoints(index, text, 3);
    expect(best.point).toBe(point);
    expect(best.score).toBeGreaterThan(0.15);
    expect(best.score).toBeGreaterThan(second.score * 1.5);
  });

  test('every measure fits its own point best', () => {
    for (const p of catalog.points) for (const m of p.measures) expect([p.number, suggestPoints(index, m.text, 1)[0].point]).toEqual([p.number, p.number]);
  });

  test('scores are cosines in [0, 1], sorted, k-limited; empty text gives nothing', () => {
    const s = suggestPoints(index, '凝练决策咨询重点课题', 5);
    expect(s.length).toBe(5);
    expect(s[0]).toEqual({ point: 4, score: expect.any(Number) });
    expect(s[0].score).toBeLessThanOrEqual(1);
    for (let i = 1; i < s.length; i++) expect(s[i].score).toBeLessThanOrEqual(s[i - 1].score);
    expect(suggestPoints(index, '', 3)).toEqual([]);
    expect(suggestPoints(index, 'xyz', 3)).toEqual([]);
    expect(scorePoint(index, '凝练决策咨询重点课题', 4)).toBe(s[0].score);
  });

  test('measure level: point 15 tells 老科协奖 (人才与宣传) from 老科技工作者日 (组织建设与服务)', () => {
    expect(suggestMeasures(index, '老科协奖评选表彰', 15, 1)[0].committeeId).toBe('c4');
    expect(suggestMeasures(index, '重阳节庆祝活动', 15, 1)[0].committeeId).toBe('c7');
  });

  test('suggestMeasures (arrays) gives exactly what the reference with maps gives, for every point', () => {
    const pool = catalog.points.flatMap((p) => [p.title, ...p.measures.map((m) => m.text)]).join('');
    const fragment = fc.tuple(fc.nat(pool.length), fc.integer({ min: 0, max: 80 })).map(([a, n]) => pool.slice(a, a + n));
    // Repeated tokens, tokens no point has, full-width letters and the region placeholder, as task texts have them.
    const text = fc.tuple(fragment, fc.constantFrom('', '。', '{{region}}', 'ＡＢＣxyz', '课题课题课题', '囧'), fragment).map(([a, b, c]) => a + b + c);
    fc.assert(
      fc.property(text, fc.constantFrom(...catalog.points.map((p) => p.number)), (t, point) => {
        const k = catalog.points.find((p) => p.number === point)!.measures.length;
        expect(suggestMeasures(index, t, point, k)).toEqual(suggestMeasuresByMaps(index, t, point, k));
      }),
      { numRuns: 2000, seed: 11 },
    );
  });
});

describe('task text scorer (content scored once, name merged in)', () => {
  const names = ['', '南京老科协奖评选表彰第3期', '重阳节庆祝活动', 'ＡＢＣ老年科技大学', '决策咨询课题研究课题', '{{region}}科普讲座', 'xyz'];
  const contents = ['', ...catalog.points.flatMap((p) => p.measures.map((m) => m.text.slice(0, 160))), '课题课题课题研究', 'qq'];
  test('content is cut to contentChars', () => {
    const scorer = taskTextScorer(index, 10);
    const long = catalog.points[3].text;
    const want = scoreAllPoints(index, `名称。${long.slice(0, 10)}`);
    const got = scorer.score('名称', long);
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-12);
    expect(scorer.measures('名称', long, 15, 4)).toEqual(suggestMeasures(index, `名称。${long.slice(0, 10)}`, 15, 4));
  });
  test('gives the scores of scoreAllPoints on name + "。" + content, for repeated and new contents', () => {
    const scorer = taskTextScorer(index);
    for (let round = 0; round < 2; round++)
      for (const name of names)
        for (const content of contents) {
          const want = scoreAllPoints(index, content ? `${name}。${content}` : name);
          const got = scorer.score(name, content);
          expect(got.length).toBe(want.length);
          for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-12);
        }
  });
  test('mayFitOther is false only when no other point can pass the thresholds (the exact scores agree)', () => {
    const scorer = taskTextScorer(index, 160);
    const pool = catalog.points.flatMap((p) => [p.title, ...p.measures.map((m) => m.text)]).join('');
    const fragment = fc.tuple(fc.nat(pool.length), fc.integer({ min: 0, max: 40 })).map(([a, n]) => pool.slice(a, a + n));
    const thresholds = fc.constantFrom([0.2, 2, 0.08], [0.05, 1, 0], [0, 0, 0], [0.3, 1.2, 0.02]);
    let ruledOut = 0, checked = 0;
    fc.assert(
      fc.property(fragment, fragment, fc.string({ maxLength: 6 }), fc.integer({ min: -1, max: catalog.points.length - 1 }), thresholds, (a, b, noise, own, [min, ratio, margin]) => {
        const name = a + noise;
        const content = b;
        checked++;
        if (scorer.mayFitOther(name, content, own, min, ratio, margin)) return;
        ruledOut++;
        const s = scorer.score(name, content);
        const ownScore = own >= 0 ? s[own] : 0;
        for (let i = 0; i < s.length; i++) if (i !== own) expect(s[i] >= min && s[i] >= ratio * ownScore + margin).toBe(false);
      }),
      { numRuns: 3000, seed: 7 },
    );
    // Random fragments against a random own point: the bound still rules out some (it is not vacuous), and not all.
    expect(ruledOut).toBeGreaterThan(checked / 20);
    expect(ruledOut).toBeLessThan(checked);
  });
  test('mayFitOther: a name about another point is not ruled out, and the real task text of a point is', () => {
    const scorer = taskTextScorer(index, 160);
    const p15 = catalog.points.findIndex((p) => p.number === 15);
    const p4 = catalog.points.findIndex((p) => p.number === 4);
    const content15 = catalog.points[p15].measures[0].text;
    expect(scorer.mayFitOther('老科协奖评选表彰', content15, p15, 0.2, 2, 0.08)).toBe(false);
    const content4 = catalog.points[p4].text;
    expect(scorer.mayFitOther(catalog.points[p4].title, content4, p15, 0.2, 2, 0.08)).toBe(true);
  });
  test('measures of point 15 as suggestMeasures gives them', () => {
    const scorer = taskTextScorer(index);
    for (const name of names)
      for (const content of contents.slice(0, 20)) {
        const text = content ? `${name}。${content}` : name;
        expect(scorer.measures(name, content, 15, 4)).toEqual(suggestMeasures(index, text, 15, 4));
      }
  });
  test('measureFit: the first of measures() and the best of a committee, for every point with measures, repeated contents and new', () => {
    const scorer = taskTextScorer(index, 160);
    const committees = [...new Set(catalog.points.flatMap((p) => p.measures.map((m) => m.committeeId ?? '')))];
    let compared = 0;
    for (let round = 0; round < 2; round++)
      for (const p of catalog.points.filter((x) => x.measures.length > 1))
        for (const name of names)
          for (const content of contents.slice(0, 12)) {
            const ms = scorer.measures(name, content, p.number, p.measures.length);
            for (const cid of committees) {
              const fit = scorer.measureFit(name, content, p.number, cid);
              expect(fit.top).toEqual(ms[0]);
              expect(fit.own).toBe(ms.find((m) => m.committeeId === cid)?.score ?? 0);
              compared++;
            }
          }
    expect(compared).toBeGreaterThan(100);
  });
});

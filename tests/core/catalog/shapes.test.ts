/**
 * The shapes of real plan documents, one short fixture each (tests/core/catalog/fixtures): the catalog of
 * each — title, sections, point titles, committees, measures — is asserted in full.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseCatalog } from '../../../src/core/catalog/parse';
import type { Catalog } from '../../../src/core/catalog/types';

const fixture = (name: string) => parseCatalog(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));

/** The catalog as a secretariat reads it: names instead of ids. */
function view(c: Catalog) {
  const name = (id: string | null) => (id === null ? null : c.committees.find((x) => x.id === id)!.name);
  return {
    title: c.title,
    year: c.year,
    sections: c.sections.map((s) => ({ title: s.title, points: s.pointNumbers, ...(s.text ? { text: s.text } : {}) })),
    points: c.points.map((p) => ({
      n: p.number,
      title: p.title,
      ...(p.group ? { group: p.group } : {}),
      committees: p.committeeIds.map(name),
      measures: p.measures.map((m) => [m.text, name(m.committeeId)]),
    })),
    committees: c.committees.map((x) => x.name),
    issues: c.issues.map((i) => i.code),
  };
}

test('a notice wrapping 《…》: multi-line titles joined, the document’s own title, the notice kept as preamble', () => {
  const c = fixture('notice-fangan.txt');
  const org = '组织建设与服务专委会', talent = '人才与宣传工作专委会';
  expect(view(c)).toEqual({
    title: '某某老科协关于加强老科技工作者队伍建设的实施方案',
    year: 2024,
    sections: [
      { title: '总体要求', points: [], text: '以习近平新时代中国特色社会主义思想为指导，坚持党建引领，服务发展大局。' },
      { title: '重点任务', points: [1, 2] },
      { title: '保障措施', points: [3] },
    ],
    points: [
      { n: 1, title: '加强组织建设', committees: [org], measures: [['推动建立社区老科协。', org], ['开展会员状况普查。', org]] },
      { n: 2, title: '提升服务能力', committees: [talent], measures: [['举办老科技工作者培训班。', talent]] },
      { n: 3, title: '加强组织领导', committees: ['党委'], measures: [['成立工作领导小组，定期研究推进重点工作。', '党委']] },
    ],
    committees: [org, talent, '党委'],
    issues: ['notice', 'numbering-repeat', 'year-from-body'],
  });
  expect(c.preamble.split('\n')).toEqual([
    '某老科协文件',
    '某老科协发〔2024〕3号',
    '关于印发《某某老科协关于加强老科技工作者队伍建设的实施方案》的通知',
    '各专委会、各分会：',
    '现将《某某老科协关于加强老科技工作者队伍建设的实施方案》印发给你们，请结合实际认真贯彻落实。',
    '某某老科协',
    '2024年1月8日',
    '为深入贯彻落实党的二十大精神，进一步加强老科技工作者队伍建设，制定本方案。',
  ]);
  expect(c.issues[0].line).toBe(14);
  expect(c.committees[0].fullName).toBe('{{region}}老科协组织建设与服务专委会');
});

test('a 方案 with 一、/（一）/1./（1）, headings on their own line, 牵头单位/责任单位 lines', () => {
  const c = fixture('levels-fangan.txt');
  const kp = '科普与教育专委会';
  expect(view(c)).toEqual({
    title: '某某老科协2025年科普工作方案',
    year: 2025,
    sections: [
      { title: '指导思想', points: [], text: '以习近平新时代中国特色社会主义思想为指导，深入实施全民科学素质行动规划纲要。' },
      { title: '主要任务', points: [1, 2, 3, 4] },
      { title: '保障措施', points: [5] },
    ],
    points: [
      { n: 1, title: '推进省级全覆盖', group: '办好老年科技大学', committees: [kp], measures: [['进一步推进老年科技大学省级全覆盖。', kp], ['召开老年科技大学建设研讨交流会。', kp]] },
      { n: 2, title: '加强师资建设', group: '办好老年科技大学', committees: [kp, '秘书处'], measures: [['强化师资库和课程库建设。', kp], ['举办科普教师培训班。', kp]] },
      { n: 3, title: '聚焦重点人群', group: '开展精准科普', committees: [kp], measures: [['进校园举办“大手拉小手”科普活动。', kp], ['在社区开展智能手机培训。', kp]] },
      { n: 4, title: '参与全国科普日', group: '开展精准科普', committees: ['秘书处'], measures: [['组织各地老科协积极参与“全国科普日”活动。', '秘书处']] },
      { n: 5, title: '加强组织领导', committees: ['秘书处'], measures: [['成立科普工作领导小组，定期研究部署科普工作。', '秘书处']] },
    ],
    committees: [kp, '秘书处'],
    issues: ['point-level', 'numbering-repeat'],
  });
  expect(c.structure).toEqual({ section: '一、', groups: ['（一）'], point: '1.' });
  expect(c.issues[0].message.zh).toBe('要点层级：以“1.”编号的条目为要点，“（一）”为分组标题（其下各条才是具体工作）。');
  expect(c.preamble).toBe('为做好2025年科普工作，制定本方案。');
});

test('an 意见 of articles (第一条): 由…牵头, …负责, （…负责）; articles about the document itself are not points', () => {
  const c = fixture('articles-yijian.txt');
  const jc = '决策咨询专委会';
  expect(view(c)).toEqual({
    title: '某某老科协关于进一步加强决策咨询工作的意见',
    year: 2024,
    sections: [{ title: '', points: [1, 2, 3], text: '为进一步发挥老科技工作者在决策咨询中的作用，结合实际，制定本意见。\n本意见自印发之日起施行。' }],
    points: [
      { n: 1, title: '凝练重点课题', committees: [jc], measures: [['聚焦国家重大发展战略，组织开展课题研究。', jc]] },
      { n: 2, title: '加强智库建设', committees: [jc], measures: [['建好专家库、选题库、成果库。', jc], ['适时增加调查站点数量。', jc]] },
      { n: 3, title: '拓宽成果报送渠道', committees: ['秘书处'], measures: [['编印《决策咨询专报》，每季度报送一次。', '秘书处']] },
    ],
    committees: [jc, '秘书处'],
    issues: ['no-sections', 'prose-item', 'year-from-body'],
  });
  expect(c.issues.every((i) => i.severity === 'info')).toBe(true);
  expect(c.preamble).toBe('（2024年3月1日常务理事会审议通过）');
  expect(c.issues.find((i) => i.code === 'prose-item')!.line).toBe(4);
});

test('① lists are measures of their point; a bracketed （…负责） names the unit', () => {
  const c = fixture('circled-yaodian.txt');
  const org = '组织建设与服务专委会';
  expect(view(c)).toEqual({
    title: '某某老科协2024年工作要点',
    year: 2024,
    sections: [
      { title: '加强党的建设', points: [1, 2] },
      { title: '服务会员', points: [3] },
    ],
    points: [
      { n: 1, title: '强化思想引领', committees: ['党委'], measures: [['开展党的二十大精神专题学习。', '党委'], ['组织党员干部培训。', '党委'], ['举办主题党日活动。', '党委']] },
      { n: 2, title: '加强支部建设', committees: ['党委'], measures: [['推进党支部标准化建设。', '党委']] },
      { n: 3, title: '开展会员服务', committees: [org], measures: [['走访慰问老科技工作者。', org], ['建立会员档案。', org]] },
    ],
    committees: ['党委', org],
    issues: ['numbering-repeat'],
  });
  expect(c.points[0].text).toBe('强化思想引领。重点做好以下工作：\n①开展党的二十大精神专题学习；\n②组织党员干部培训；\n③举办主题党日活动。（党委负责）');
});

test('sections of prose only (指导思想, 总体要求) are kept without points and without warnings; 由…牵头 and a heading before “：”', () => {
  const c = fixture('prose-sections.txt');
  const kp = '科普与教育专委会';
  expect(view(c)).toEqual({
    title: '某某老科协2024年工作要点',
    year: 2024,
    sections: [
      { title: '指导思想', points: [], text: '以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。' },
      { title: '总体要求', points: [], text: '围绕中心、服务大局，提升服务能力。坚持守正创新，打造工作品牌。' },
      { title: '重点工作', points: [1, 2] },
    ],
    points: [
      { n: 1, title: '加强组织领导', committees: ['秘书处'], measures: [['各级老科协要把老科技工作者工作摆上重要议程。', '秘书处'], ['定期召开工作推进会。', '秘书处']] },
      { n: 2, title: '打造品牌活动', committees: [kp], measures: [['举办“银龄讲堂”系列讲座。', kp], ['邀请专家开展科普报告。', kp]] },
    ],
    committees: ['秘书处', kp],
    issues: [],
  });
});

test('a closing list of responsibilities (任务分工) names the units of the points', () => {
  const c = fixture('closing-list.txt');
  expect(view(c)).toEqual({
    title: '某某老科协2024年工作要点',
    year: 2024,
    sections: [
      { title: '加强自身建设', points: [1, 2] },
      { title: '服务创新发展', points: [3, 4] },
    ],
    points: [
      { n: 1, title: '完善制度体系', committees: ['秘书处'], measures: [['修订完善各类规章制度。', '秘书处']] },
      { n: 2, title: '加强队伍建设', committees: ['组织建设与服务专委会'], measures: [['举办秘书长培训班。', '组织建设与服务专委会']] },
      { n: 3, title: '开展决策咨询', committees: ['决策咨询专委会'], measures: [['组织开展老龄人才课题研究。', '决策咨询专委会']] },
      { n: 4, title: '推进科学普及', committees: ['科普与教育专委会', '秘书处'], measures: [['举办科普报告会。', '科普与教育专委会']] },
    ],
    committees: ['秘书处', '组织建设与服务专委会', '决策咨询专委会', '科普与教育专委会'],
    issues: ['responsibility-list'],
  });
  expect(c.points.every((p) => p.responsibility === 'listed')).toBe(true);
  expect(c.issues[0].line).toBe(8);
});

test('a document that names no unit at all says so once', () => {
  const c = fixture('no-responsibility.txt');
  expect(view(c)).toEqual({
    title: '某某老科协2024年工作要点',
    year: 2024,
    sections: [
      { title: '强化政治引领', points: [1, 2] },
      { title: '发挥人才作用', points: [3] },
    ],
    points: [
      { n: 1, title: '深入学习贯彻党的二十大精神', committees: [], measures: [['组织开展专题学习和宣讲活动。', null]] },
      { n: 2, title: '加强基层党组织建设', committees: [], measures: [['推进党支部标准化建设。', null]] },
      { n: 3, title: '开展科技志愿服务', committees: [], measures: [['组织老科技工作者深入基层开展科技服务。', null]] },
    ],
    committees: [],
    issues: ['no-responsibility'],
  });
  expect(c.issues[0].message.zh).toContain('pointCommittees');
});

describe('smaller shapes', () => {
  test('a notice without 《》, a heading that names its unit, 由…负责 inside a sentence, the signature at the end', () => {
    const c = parseCatalog(
      '关于印发2024年工作要点的通知\n各专委会：\n现将《2024年工作要点》印发给你们。\n\n某某老科协2024年工作要点\n一、加强党建\n' +
        '（一）加强组织领导（牵头单位：秘书处）\n成立领导小组。\n（二）强化宣传。开展宣传活动，由人才与宣传工作专委会负责。\n\n某某老科协\n2024年1月5日\n',
    );
    expect(view(c)).toEqual({
      title: '某某老科协2024年工作要点',
      year: 2024,
      sections: [{ title: '加强党建', points: [1, 2] }],
      points: [
        { n: 1, title: '加强组织领导', committees: ['秘书处'], measures: [['成立领导小组。', '秘书处']] },
        { n: 2, title: '强化宣传', committees: ['人才与宣传工作专委会'], measures: [['开展宣传活动。', '人才与宣传工作专委会']] },
      ],
      committees: ['秘书处', '人才与宣传工作专委会'],
      issues: ['notice', 'closing-lines'],
    });
    expect(c.preamble).toBe('关于印发2024年工作要点的通知\n各专委会：\n现将《2024年工作要点》印发给你们。');
    expect(c.issues[1].message.zh).toBe('文末落款“某某老科协 2024年1月5日”不计入要点。');
  });

  test('a notice whose document is not repeated: the title is the one in 《》; no year anywhere is asked for', () => {
    const c = parseCatalog('关于转发《某某协会关于开展科普活动的通知》的通知\n各分会：\n现转发给你们。\n一、活动内容\n1.举办科普讲座。邀请专家授课。\n');
    expect(c.title).toBe('某某协会关于开展科普活动的通知');
    expect(c.year).toBeNull();
    expect(c.issues.map((i) => [i.severity, i.code])).toEqual([['info', 'notice'], ['info', 'no-responsibility'], ['warning', 'no-year']]);
  });

  test('a span of years (2023—2027年) is not the plan year; the settings year is used when given', () => {
    const text = '某某老科协事业发展行动计划\n（2023—2027年）\n\n一、主要目标\n到2027年，建成一流协会。\n二、重点行动\n1.实施银龄科普行动。开展科普报告2000场。\n';
    expect(parseCatalog(text).year).toBeNull();
    expect(parseCatalog(text, { year: 2024 }).year).toBe(2024);
    expect(parseCatalog(text).sections.map((s) => [s.title, s.pointNumbers, s.text ?? ''])).toEqual([['主要目标', [], '到2027年，建成一流协会。'], ['重点行动', [1], '']]);
  });

  test('a heading glued to its paragraph in one long line is flagged, not silently used', () => {
    const long = '加强组织领导各级老科协要把老科技工作者工作摆上重要议程，主要负责同志亲自抓，分管负责同志具体抓，形成一级抓一级、层层抓落实的工作格局';
    const c = parseCatalog(`一、保障\n（一）${long}。成立领导小组。`);
    expect(c.points[0].title).toBe(long);
    expect(c.issues.map((i) => i.code)).toContain('long-title');
  });
});

test('a notice with numbered requirements of its own before the document it hands out', () => {
  const c = parseCatalog(
    [
      '关于印发《某某老科协2024年工作要点》的通知',
      '各专委会：',
      '现将《某某老科协2024年工作要点》印发给你们，有关要求如下：',
      '1.各专委会要认真组织实施。',
      '2.请于12月10日前报送工作总结。',
      '某某老科协',
      '2024年1月5日',
      '某某老科协2024年工作要点',
      '为做好今年工作，特制定本要点。',
      '一、加强党建',
      '1.强化理论学习。开展专题学习。具体工作由**老科协党委负责实施。',
    ].join('\n'),
  );
  expect(view(c)).toEqual({
    title: '某某老科协2024年工作要点',
    year: 2024,
    sections: [{ title: '加强党建', points: [1] }],
    points: [{ n: 1, title: '强化理论学习', committees: ['党委'], measures: [['开展专题学习。', '党委']] }],
    committees: ['党委'],
    issues: ['notice'],
  });
  expect(c.preamble.split('\n')).toEqual([
    '关于印发《某某老科协2024年工作要点》的通知', '各专委会：', '现将《某某老科协2024年工作要点》印发给你们，有关要求如下：',
    '1.各专委会要认真组织实施。', '2.请于12月10日前报送工作总结。', '某某老科协', '2024年1月5日', '为做好今年工作，特制定本要点。',
  ]);
});

test('总体要求 with numbered 指导思想 / 工作目标 is prose; a 基本原则 item among the points is not a point', () => {
  const c = parseCatalog(
    [
      '某某老科协2024年银龄行动实施方案',
      '一、总体要求',
      '（一）指导思想。以习近平新时代中国特色社会主义思想为指导。',
      '（二）工作目标。到年底，建成10个服务站点。',
      '二、重点任务',
      '（一）基本原则。坚持需求导向。',
      '（二）建设服务站点。在社区建设老科技工作者服务站点。由组织建设与服务专委会牵头。',
      '（三）开展志愿服务。组织老专家开展科技志愿服务。由科普与教育专委会牵头。',
    ].join('\n'),
  );
  expect(view(c)).toEqual({
    title: '某某老科协2024年银龄行动实施方案',
    year: 2024,
    sections: [
      { title: '总体要求', points: [], text: '（一）指导思想。以习近平新时代中国特色社会主义思想为指导。\n（二）工作目标。到年底，建成10个服务站点。' },
      { title: '重点任务', points: [1, 2], text: '基本原则。坚持需求导向。' },
    ],
    points: [
      { n: 1, title: '建设服务站点', committees: ['组织建设与服务专委会'], measures: [['在社区建设老科技工作者服务站点。', '组织建设与服务专委会']] },
      { n: 2, title: '开展志愿服务', committees: ['科普与教育专委会'], measures: [['组织老专家开展科技志愿服务。', '科普与教育专委会']] },
    ],
    committees: ['组织建设与服务专委会', '科普与教育专委会'],
    issues: ['prose-item'],
  });
});

test('第一章 / 第一条: chapters are sections, articles are points; a one-sentence article is its own measure', () => {
  const c = parseCatalog(
    '某某协会会员服务办法\n第一章 总则\n第一条 为规范会员服务，制定本办法。\n第二章 服务内容\n第二条 建立会员档案。秘书处负责。\n' +
      '第三条 开展会员培训。每年举办培训班两期。（组织建设与服务专委会负责）\n第三章 附则\n第四条 本办法由秘书处负责解释。\n',
  );
  expect(view(c)).toEqual({
    title: '某某协会会员服务办法',
    year: null,
    sections: [
      { title: '总则', points: [], text: '为规范会员服务，制定本办法。' },
      { title: '服务内容', points: [1, 2] },
      { title: '附则', points: [], text: '本办法由秘书处负责解释。' },
    ],
    points: [
      { n: 1, title: '建立会员档案', committees: ['秘书处'], measures: [['建立会员档案。', '秘书处']] },
      { n: 2, title: '开展会员培训', committees: ['组织建设与服务专委会'], measures: [['每年举办培训班两期。', '组织建设与服务专委会']] },
    ],
    committees: ['秘书处', '组织建设与服务专委会'],
    issues: ['prose-item', 'no-year'],
  });
});

test('1、 items that carry work are points (not sections), their （1） items are measures', () => {
  const c = parseCatalog('某某老科协2024年工作要点\n1、强化思想引领。开展专题学习。\n（1）举办读书班；\n（2）组织宣讲。\n2、加强组织建设。推进支部建设。\n');
  expect(c.structure).toEqual({ section: null, groups: [], point: '1.' });
  expect(c.points.map((p) => [p.title, p.measures.map((m) => m.text)])).toEqual([
    ['强化思想引领', ['开展专题学习。', '举办读书班。', '组织宣讲。']],
    ['加强组织建设', ['推进支部建设。']],
  ]);
});

test('units named by a section or group heading cover its points that name none', () => {
  const c = parseCatalog(
    [
      '某某老科协2024年工作要点',
      '一、加强党的建设（牵头单位：党委）',
      '1.强化理论学习。开展专题学习。',
      '2.加强宣传工作。办好网站。由人才与宣传工作专委会负责。',
      '二、服务创新发展',
      '（一）决策咨询',
      '本部分工作由决策咨询专委会牵头。',
      '1.开展课题研究。组织专家开展研究。',
      '（二）科学普及',
      '1.举办科普讲座。进社区开展讲座。',
    ].join('\n'),
  );
  expect(view(c)).toEqual({
    title: '某某老科协2024年工作要点',
    year: 2024,
    sections: [
      { title: '加强党的建设', points: [1, 2] },
      { title: '服务创新发展', points: [3, 4], text: '本部分工作由决策咨询专委会牵头。' },
    ],
    points: [
      { n: 1, title: '强化理论学习', committees: ['党委'], measures: [['开展专题学习。', '党委']] },
      { n: 2, title: '加强宣传工作', committees: ['人才与宣传工作专委会'], measures: [['办好网站。', '人才与宣传工作专委会']] },
      { n: 3, title: '开展课题研究', group: '决策咨询', committees: ['决策咨询专委会'], measures: [['组织专家开展研究。', '决策咨询专委会']] },
      { n: 4, title: '举办科普讲座', group: '科学普及', committees: [], measures: [['进社区开展讲座。', null]] },
    ],
    committees: ['党委', '人才与宣传工作专委会', '决策咨询专委会'],
    issues: ['point-level', 'numbering-repeat', 'point-without-committee'],
  });
});

test('“以上两项由…负责” covers the points before it in its section; （…牵头，…配合） after a paragraph', () => {
  const c = parseCatalog(
    [
      '**老科协2024年工作要点',
      '一、服务科技强省建设',
      '（一）凝练决策咨询重点课题',
      '组织开展课题研究。多措并举，推动形成有影响力的专报。（决策咨询专委会牵头，各专委会配合）',
      '二、深入实施银龄科普行动',
      '（二）办好老年科技大学',
      '举办科普教师培训班。',
      '（三）开展精准科普',
      '组织报告团进校园开展科普报告。',
      '以上两项由科普与教育专委会负责。',
    ].join('\n'),
  );
  const kp = '科普与教育专委会';
  expect(view(c).points).toEqual([
    { n: 1, title: '凝练决策咨询重点课题', committees: ['决策咨询专委会'], measures: [['组织开展课题研究。', '决策咨询专委会'], ['多措并举，推动形成有影响力的专报。', '决策咨询专委会']] },
    { n: 2, title: '办好老年科技大学', committees: [kp], measures: [['举办科普教师培训班。', kp]] },
    { n: 3, title: '开展精准科普', committees: [kp], measures: [['组织报告团进校园开展科普报告。', kp]] },
  ]);
  expect(c.points.map((p) => p.responsibility)).toEqual(['stated', 'inherited', 'stated']);
  expect(c.title).toBe('{{region}}老科协2024年工作要点');
  expect(c.issues).toEqual([]);
});

test('a point titled 明确任务分工 is a point, not the closing list of responsibilities', () => {
  const c = parseCatalog('某某老科协2024年工作要点\n一、保障措施\n（一）加强组织领导\n成立领导小组。\n（二）明确任务分工\n将各项任务分解到人。\n（三）加强督促检查\n定期通报进展。\n');
  expect(c.points.map((p) => p.title)).toEqual(['加强组织领导', '明确任务分工', '加强督促检查']);
  expect(c.issues.map((i) => i.code)).toEqual(['no-responsibility']);
});

/**
 * Action words of plan documents: a clause that carries one of them has something to do
 * (开展、组织、建立、编制、举办、推动…). Used to tell work from headings, slogans and leading clauses.
 */
const VERBS = [
  '开展', '组织', '建立', '编制', '举办', '推动', '推进', '召开', '制定', '出台', '实施', '完善', '加强', '做好', '提升',
  '强化', '深化', '健全', '落实', '成立', '建设', '打造', '培育', '发布', '出版', '印发', '评选', '表彰', '培训', '调研',
  '研究', '宣传', '宣讲', '修订', '编撰', '编写', '组建', '搭建', '启动', '探索', '拓宽', '扩大', '支持', '鼓励', '引导',
  '参与', '参加', '指导', '评估', '申报', '报送', '筹办', '承办', '主办', '举行', '设立', '创建', '选树', '征集', '遴选',
  '巩固', '提高', '加快', '促进', '凝练', '开发', '推广', '总结', '部署', '督促', '检查', '考核', '联合', '走访', '慰问',
  '办好', '建好', '办实事', '服务', '帮助', '维护', '出版', '整理', '增加', '充实', '扩充', '吸收', '配合', '协助', '承担',
  '规范', '确保', '聘请', '邀请', '撰写', '形成', '提出', '完成', '收集', '汇编', '统计', '调查', '普查', '讲座', '论坛',
  '展览', '竞赛', '评比', '义诊', '咨询', '对接', '签订', '共建', '试行', '推行', '更新', '运营', '运行', '管理', '发挥',
  '动员', '发动', '选派', '派出', '考察', '交流', '学习', '贯彻', '传达', '坚持', '关注', '编印', '拍摄', '制作', '录制',
];
const ACTION_RE = new RegExp(VERBS.join('|'));

/** True when the text names something to do. */
export function hasAction(text: string): boolean {
  return ACTION_RE.test(text);
}

const ACTION_ALL = new RegExp(VERBS.join('|'), 'g');

/**
 * Index of the first action word that acts on something, or -1: not a noun use ("…的培育", "智库体系建设"
 * at the end of a clause), at least two characters of object after it.
 */
export function actionIndex(text: string): number {
  for (const m of text.matchAll(ACTION_ALL)) {
    const at = m.index ?? 0;
    if (text[at - 1] === '的') continue;
    if (text.length - at - m[0].length < 2) continue;
    return at;
  }
  return -1;
}

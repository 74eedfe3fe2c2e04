/**
 * Who does the work, as official documents say it:
 *   具体工作由…（牵头）负责（组织）实施 · 由…牵头（，…配合） · 由…负责 · （…负责） · …负责。
 *   牵头单位：… · 责任单位：… (also 牵头部门 / 责任部门 / 负责单位)
 * and a closing list of responsibilities (任务分工) that maps points to units.
 */
import { REGION_PLACEHOLDER } from './types';
import { hasAction } from './actions';

/** A unit name: ends like an organisation or one of its bodies. */
const UNIT_END = '(?:专委会|专门委员会|委员会|工委|秘书处|办公室|办公厅|党委|党组|党支部|支部|分会|协会|学会|研究会|科协|理事会|监事会|常务理事会|会长办公会|中心|研究院|部|处|室|科|组|站|团|队|联络处|各单位|各有关单位)';
const UNIT_RE = new RegExp(`${UNIT_END}$`);
const SPLIT = /[、，,；;]|(?<=[会委组室部处心科站团队])(?:和|及|与)/;

export interface Found {
  /** Names as written (with the region placeholder), lead unit first. */
  names: string[];
  /** The sentence without the responsibility words; '' when nothing but responsibility is left. */
  rest: string;
}

function unitsOf(s: string): string[] | null {
  const parts = s.split(SPLIT).map((x) => x.trim().replace(/^(?:等|以及)/, '')).filter(Boolean);
  if (!parts.length || parts.some((p) => p.length > 40 || !UNIT_RE.test(p))) return null;
  return parts;
}

/** "开展学习。）" → "开展学习。": a closing bracket whose opening went with the responsibility words. */
function dropUnmatchedClosers(s: string): string {
  let depth = 0;
  let out = '';
  for (const ch of s) {
    if ('（(【['.includes(ch)) depth++;
    else if ('）)】]'.includes(ch)) {
      if (depth === 0) continue;
      depth--;
    }
    out += ch;
  }
  return out;
}

/** Keep what is left of a sentence only when it still has something to do. */
function leftover(s: string): string {
  const t = s.replace(/^[，,；;。\s]+/, '').replace(/[，,；;：:\s]+([。！？]?)$/, '$1').trim();
  const bare = t.replace(/[。！？；;，,\s]/g, '');
  if (!bare || !hasAction(bare) || /^(?:此项|该项|以上|上述|相关|具体)?(?:工作|任务)?(?:组织)?(?:实施|落实)?$/.test(bare)) return '';
  return /[。！？]$/.test(t) ? t : t + '。';
}

const CLAUSE = /具体工作由(.+?)(?:牵头)?负责(?:组织)?实施/;
const LABEL = '牵头单位|牵头部门|责任单位|责任部门|负责单位|实施单位|配合单位|协办单位|参与单位';
/** "牵头单位：秘书处；责任单位：各专委会" (in （）, 【】 or bare; a label ends the name before it). */
const LABELLED = new RegExp(`[（(【\\[]?\\s*(${LABEL})\\s*[：:]\\s*([^；;。）)】\\]]+?)\\s*(?=[；;。）)】\\]，,]|${LABEL}|$)[；;，,]?`, 'g');
const LED = /由([^，,。；;由]{2,60}?)(?:牵头|负责|主抓)(?:负责)?(?:组织)?(?:实施|落实|推进)?(?:[，,]\s*([^，,。；;]{2,60}?)(?:配合|参与|协助|协同))?/;
/** "（决策咨询专委会负责）", "（秘书处牵头，各专委会配合）". */
const BRACKET = /[（(【]\s*([^（()）【】]{2,60}?)(?:牵头负责|牵头|负责|主责)(?:实施|落实)?(?:[，,、；;][^（()）【】]*?(?:配合|参与|协助|协同))?\s*[)）】]/;
const WHOLE = /^(?:此项工作|该项工作|以上工作|上述工作|本项工作)?[，,]?\s*([^，,。；;]{2,60}?)(?:牵头)?负责(?:组织)?(?:实施|落实)?[。；;]?$/;

/** The responsibility a sentence states, or null. */
export function findResponsibility(sentence: string): Found | null {
  const clause = CLAUSE.exec(sentence);
  if (clause) {
    const names = clause[1].split(SPLIT).map((s) => s.trim()).filter(Boolean);
    // A sentence that carries work before the clause keeps its work part.
    const before = sentence.slice(0, clause.index).replace(/[，,；;]\s*$/, '').trim();
    return { names, rest: before ? before + '。' : '' };
  }
  const labelled = [...sentence.matchAll(LABELLED)];
  if (labelled.length) {
    // 配合/协办/参与 units help; they are not responsible.
    const named = (m: RegExpMatchArray) => (/^(?:配合|协办|参与)/.test(m[1]) ? [] : unitsOf(m[2]) ?? [m[2].trim()]);
    const lead = labelled.filter((m) => m[1].startsWith('牵头')).flatMap(named);
    const others = labelled.filter((m) => !m[1].startsWith('牵头')).flatMap(named);
    let rest = sentence;
    for (const m of labelled) rest = rest.replace(m[0], '');
    rest = dropUnmatchedClosers(rest.replace(/[（(【[]\s*[)）】\]]/g, ''));
    if (!lead.length && !others.length) return null;
    return { names: [...new Set([...lead, ...others])], rest: leftover(rest) };
  }
  const bracket = BRACKET.exec(sentence);
  if (bracket) {
    const names = unitsOf(bracket[1]);
    if (names) return { names, rest: leftover(sentence.replace(bracket[0], '')) };
  }
  const led = LED.exec(sentence);
  if (led) {
    const names = unitsOf(led[1].trim());
    if (names) return { names, rest: leftover(sentence.replace(led[0], '')) };
  }
  const whole = WHOLE.exec(sentence.trim());
  if (whole) {
    const names = unitsOf(whole[1].trim());
    if (names) return { names, rest: '' };
  }
  return null;
}

/** "{{region}}老科协决策咨询专委会" → "决策咨询专委会": the name after the organisation prefix. */
export function shortName(raw: string): string {
  const s = raw.trim();
  return s.replace(REGION_PLACEHOLDER, '').replace(/^(.*?老科协)/, '').trim() || s;
}

/** A line that opens a closing list of responsibilities: “任务分工”, “重点任务分工表”, “六、责任分工”. */
export const CLOSING_HEAD = /^(?:[一二三四五六七八九十]+[、.．]|附件?\s*[0-9]*\s*[：:]?\s*)?[^。，,；;]{0,16}(?:任务分工|责任分工|工作分工|职责分工|分工安排|责任分解|分工方案)(?:表|安排|如下)?[：:]?$/;

/** True when a word reads as the name of a unit (…专委会, 秘书处, …部). */
export function isUnitName(s: string): boolean {
  return s.length >= 2 && s.length <= 40 && UNIT_RE.test(s);
}

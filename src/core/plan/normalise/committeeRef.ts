/** Committee references (专委会): name, full name with the region, short forms, id. */
import type { Catalog } from '../../catalog/types';
import { REGION_PLACEHOLDER } from '../../catalog/types';
import type { Normalised } from '../types';
import { describe, make, toHalfWidth } from './cell';
import { normaliseText } from './text';

function committeeKey(s: string, region: string): string {
  let t = toHalfWidth(s).text.replace(/[\s\u3000"'“”()（）·]/g, '');
  t = t.split(REGION_PLACEHOLDER).join('');
  const org = t.lastIndexOf('老科协');
  if (org < 0 && region && t.startsWith(region)) t = t.slice(region.length);
  if (org >= 0) t = t.slice(org + 3);
  t = t.replace(/专业委员会/g, '专委会');
  t = t.replace(/(?:专委会|委员会|专委)$/, '');
  return t;
}
const looseKey = (k: string) => k.replace(/[与和及、]/g, '');

/**
 * A committee reference: its name ("决策咨询专委会"), full name with the region ("江苏省老科协决策咨询专委会"),
 * short forms ("决策咨询", "乡村振兴专委会", "人才宣传"), or its id ("c2"). Value: the committee id.
 */
export function normaliseCommitteeRef(raw: unknown, catalog: Pick<Catalog, 'committees'>, region = ''): Normalised<string> {
  const t = normaliseText(raw);
  if (t.value === null) return t;
  const text = t.value;
  const byId = catalog.committees.find((c) => c.id === text);
  if (byId) return make(byId.id, raw, false, false, '');
  const exactName = catalog.committees.find((c) => c.name === text);
  if (exactName) return make(exactName.id, raw, false, false, t.note, t.flags);
  const k = committeeKey(text, region);
  if (!k) return make<string>(null, raw, false, true, `无法识别的专委会“${describe(text)}”`);
  const keys = catalog.committees.map((c) => ({ id: c.id, name: c.name, key: committeeKey(c.name, region) }));
  let hits = keys.filter((c) => c.key === k);
  if (!hits.length) hits = keys.filter((c) => looseKey(c.key) === looseKey(k));
  if (hits.length === 1) {
    const full = fullNameMatches(text, hits[0].name, region);
    return make(hits[0].id, raw, false, false, full ? '' : `识别为“${hits[0].name}”`, full ? undefined : ['shortName']);
  }
  if (k.length >= 2) {
    const lk = looseKey(k);
    hits = keys.filter((c) => looseKey(c.key).includes(lk) || (lk.includes(looseKey(c.key)) && c.key.length >= 2));
    if (hits.length === 1) return make(hits[0].id, raw, false, false, `按简称识别为“${hits[0].name}”`, ['shortName']);
    if (hits.length > 1) {
      return make<string>(null, raw, false, true, `“${text}”可指多个专委会（${hits.map((h) => h.name).join('、')}），无法确定`, ['multiple']);
    }
  }
  return make<string>(null, raw, false, true, `无法识别的专委会“${describe(text)}”`);
}

function fullNameMatches(text: string, name: string, region: string): boolean {
  const t = text.replace(/\s+/g, '').split(REGION_PLACEHOLDER).join(region);
  return t === name || t === `${region}老科协${name}` || t === `老科协${name}`;
}

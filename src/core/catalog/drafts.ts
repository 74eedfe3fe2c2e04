/**
 * Draft tasks from the measures of a point. A draft is an actionable clause: it has something to do
 * (开展、组织、建立、编制、举办、推动…) and is named by its action, e.g. "多措并举，推动形成有影响力的专报…"
 * → "推动形成有影响力的专报、论文、专著". A leading clause without an action ("以党的二十大精神为指引",
 * "多措并举") never names a draft; a measure without any action joins the measure it introduces.
 */
import { actionIndex } from './actions';
import type { Measure } from './types';

export interface DraftTask {
  /** Short name: the first actionable clause, from its action word, at most 30 characters. */
  name: string;
  /** The measure text (with a preceding action-less measure joined in front). */
  content: string;
  /** Indexes of the measures it comes from. */
  measures: number[];
}

const NAME_MAX = 30;

/** Clauses of a sentence: split at ， ； ： (and sentence ends) outside quotes and brackets. */
export function clausesOf(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if ('“《（(「『‘'.includes(ch)) depth++;
    else if ('”》）)」』’'.includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && '，,；;：:。！？!?'.includes(ch)) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** The clause's action phrase, or null: a clause of 5 characters or more with an action word ("多措并举" is not). */
function actionPhrase(clause: string): string | null {
  if (clause.replace(/[“”《》（）()]/g, '').length < 5) return null;
  // "围绕中心、服务大局": four-character phrases in a row are a slogan, not a task.
  if (/^(?:[^、，,]{4}[、，,])+[^、，,]{4}$/.test(clause)) return null;
  const at = actionIndex(clause);
  if (at < 0) return null;
  // Keep an opening quote or book title the action sits in; start at the action otherwise.
  return clause.slice(at);
}

/** The name of a draft from a measure's text, or null when no clause has something to do. */
export function draftNameOf(text: string): string | null {
  for (const c of clausesOf(text)) {
    const phrase = actionPhrase(c);
    if (phrase) return phrase.length > NAME_MAX ? phrase.slice(0, NAME_MAX - 1) + '…' : phrase;
  }
  return null;
}

/** Draft tasks of a list of measures (of one committee in one point), in order. */
export function draftTasks(measures: Pick<Measure, 'index' | 'text'>[]): DraftTask[] {
  const out: DraftTask[] = [];
  let lead: Pick<Measure, 'index' | 'text'>[] = [];
  for (const m of measures) {
    const name = draftNameOf(m.text);
    if (!name) {
      lead.push(m);
      continue;
    }
    out.push({ name, content: [...lead.map((x) => x.text), m.text].join(''), measures: [...lead.map((x) => x.index), m.index] });
    lead = [];
  }
  // Trailing measures without an action join the last draft; with no draft at all they stay one draft by themselves.
  if (lead.length) {
    const last = out[out.length - 1];
    if (last) {
      last.content += lead.map((x) => x.text).join('');
      last.measures.push(...lead.map((x) => x.index));
    } else {
      const text = lead.map((x) => x.text).join('');
      const first = clausesOf(text)[0] ?? text;
      out.push({ name: first.length > NAME_MAX ? first.slice(0, NAME_MAX - 1) + '…' : first, content: text, measures: lead.map((x) => x.index) });
    }
  }
  return out;
}

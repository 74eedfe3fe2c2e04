/**
 * The numbered outline of a document body: a tree of numbered items (by the order 第一章 > 一、 > 第一条 >
 * （一） > 1. > （1） > ①), the choice of which level is the section and which the work point, and the
 * split of an item into its heading and its text.
 */
import type { Level } from './numbering';
import { LEVEL_ORDER, matchNumbered, rankOf } from './numbering';
import type { SourceLine } from './front';
import { hasAction } from './actions';

export interface OutlineNode {
  level: Level;
  n: number;
  /** Text after the number on the numbered line. */
  head: string;
  /** The numbered line as written, number included. */
  text: string;
  /** Line number of the numbered line. */
  line: number;
  /** Lines up to the next numbered line. */
  lines: SourceLine[];
  children: OutlineNode[];
}

export function buildOutline(body: SourceLine[]): OutlineNode[] {
  const roots: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  for (const l of body) {
    const num = matchNumbered(l.text);
    if (!num) {
      if (stack.length) stack[stack.length - 1].lines.push(l);
      continue;
    }
    while (stack.length && rankOf(stack[stack.length - 1].level) >= rankOf(num.level)) stack.pop();
    const node: OutlineNode = { level: num.level, n: num.n, head: num.rest, text: l.text, line: l.no, lines: [], children: [] };
    (stack.length ? stack[stack.length - 1].children : roots).push(node);
    stack.push(node);
  }
  return roots;
}

export function nodesAt(roots: OutlineNode[], level: Level): OutlineNode[] {
  const out: OutlineNode[] = [];
  const walk = (ns: OutlineNode[]) => {
    for (const n of ns) {
      if (n.level === level) out.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  return out;
}

const END = /[。！？!?]$/;

/** Split into sentences at 。！？ outside “” 《》 （） quotes. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  const open = '“《（(「『‘';
  const close = '”》）)」』’';
  for (const ch of text) {
    cur += ch;
    if (open.includes(ch)) depth++;
    else if (close.includes(ch)) depth = Math.max(0, depth - 1);
    else if ((ch === '。' || ch === '！' || ch === '？' || ch === '!' || ch === '?') && depth === 0) {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export interface Heading {
  /** The heading: the line when it stands alone, else the words before the first 。 */
  title: string;
  /** True when the heading stood alone on its line. */
  alone: boolean;
  /** The text after the heading (same line and following lines). */
  body: string;
}

/** A one-sentence line that is a heading by itself: short, or without a clause of text (no commas). */
function standsAlone(head: string): boolean {
  const t = head.replace(/[。：:]$/, '');
  return t.length <= 30 || !/[，,；;]/.test(t);
}

export function headingOf(node: Pick<OutlineNode, 'head' | 'lines'>): Heading {
  const follow = node.lines.map((l) => l.text).join('');
  const sentences = splitSentences(node.head);
  const first = sentences[0] ?? node.head;
  // "加强组织领导：各级…。" or "加强组织领导 各级…。": a short heading before a colon or a space, then text.
  const split = END.test(first) ? /^([^：:，,；;“”《》 ]{2,25})(?:[：:]| )(.{6,})$/.exec(first.slice(0, -1)) : null;
  if (split) return { title: split[1], alone: false, body: split[2] + first.slice(-1) + sentences.slice(1).join('') + follow };
  if (sentences.length <= 1 && standsAlone(node.head)) {
    return { title: node.head.replace(/[。：:；;，,]$/, ''), alone: true, body: follow };
  }
  const all = splitSentences(node.head + follow);
  return { title: (all[0] ?? '').replace(END, ''), alone: false, body: all.slice(1).join('') };
}

/** True when the node's own text (not its heading, not a lead-in ending with ：) names something to do. */
export function ownActions(node: OutlineNode): boolean {
  const { body } = headingOf(node);
  return splitSentences(body).some((s) => !/[：:]$/.test(s) && hasAction(s));
}

function carries(node: OutlineNode): boolean {
  return hasAction(node.head + node.lines.map((l) => l.text).join('')) || node.children.length > 0;
}

export interface Structure {
  section: Level | null;
  groups: Level[];
  point: Level | null;
}

/**
 * Which level is the section and which the point. The top level is the section when there are two or more
 * levels (unless it is 1、 or （一） whose items carry work themselves: then they are the points). The point is the deepest level that carries the actions consistently: a level whose items are, for
 * at least half of them, headings without text of their own over items of the next level hands the point
 * down to that level. ① lists stay inside their point.
 */
export function chooseStructure(roots: OutlineNode[]): Structure {
  const present = LEVEL_ORDER.filter((lv) => nodesAt(roots, lv).length > 0);
  if (!present.length) return { section: null, groups: [], point: null };
  let section = present.length >= 2 ? present[0] : null;
  // 第一章 and 一、 are sections; a top level of 1、 or （一） is one only when its items are headings, not work.
  if (section && section !== 'chapter' && section !== 'cn') {
    const tops = nodesAt(roots, section);
    if (tops.filter(ownActions).length * 2 >= tops.length) section = null;
  }
  let candidates = present.slice(section ? 1 : 0);
  if (candidates.length > 1) candidates = candidates.filter((l) => l !== 'circled');
  let k = 0;
  while (k + 1 < candidates.length) {
    const items = nodesAt(roots, candidates[k]);
    const next = candidates[k + 1];
    const groupsOfNext = items.filter((n) => n.children.some((c) => c.level === next) && !ownActions(n));
    const kids = items.flatMap((n) => n.children.filter((c) => c.level === next));
    if (groupsOfNext.length * 2 < items.length || kids.filter(carries).length * 2 < kids.length) break;
    k++;
  }
  return { section, groups: candidates.slice(0, k), point: candidates[k] };
}

/**
 * Duplicate tasks: same work point, near-identical names. Names are compared as sets of character
 * bigrams (Jaccard ≥ DUPLICATE_THRESHOLD) after removing spaces and punctuation; names whose digit
 * runs differ ("第1期" / "第2期") are not duplicates.
 *
 * No O(n²): tasks are bucketed by point and by the digit runs of their name; inside a bucket, identical names meet in a hash map and
 * near-identical ones through prefix filtering (AllPairs): every name indexes only its rarest
 * bigrams (its prefix in a global rarity order), and two names can reach the threshold only if
 * their prefixes share a bigram; a length filter prunes the rest.
 */
import { titleKey, titleKeyDigits, titleKeyDigitsHash } from '../../plan/normalise';
import type { Task } from '../../plan/types';
import { makeFinding } from '../codes';
import { at, nameLikeness } from './context';
import type { RuleContext } from './context';

export const DUPLICATE_THRESHOLD = 0.7;
/** Row indexes in the sort key of bucketsByHash: 2^22. */
const ROW_SLOTS = 4194304;

interface Rec {
  task: Task;
  key: string;
  /** Unused since buckets carry the digits; kept for clarity of the record. */
  digits: string;
  /** Sorted (by rarity rank) unique bigram ids. */
  toks: Int32Array;
  order: number;
}

function bigramIds(key: string, dict: Map<number, number>): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < key.length; i++) {
    const b = key.charCodeAt(i) * 65536 + key.charCodeAt(i + 1);
    let id = dict.get(b);
    if (id === undefined) dict.set(b, (id = dict.size));
    out.push(id);
  }
  return out;
}

/** Jaccard similarity of two sorted int arrays (sorted by the same order). */
function jaccard(a: Int32Array, b: Int32Array, rank: Int32Array): number {
  let i = 0, j = 0, inter = 0;
  while (i < a.length && j < b.length) {
    const ra = rank[a[i]], rb = rank[b[j]];
    if (ra === rb) {
      inter++;
      i++;
      j++;
    } else if (ra < rb) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

export function checkDuplicates(ctx: RuleContext): void {
  const tasks = ctx.submission.tasks;
  const st = duplicateState(tasks.length);
  for (let i = 0; i < tasks.length; i++) duplicateKeyOfTask(st, tasks[i], i);
  duplicatesDone(ctx, st);
}

/**
 * Buckets: same point and same digit runs (names whose numbers differ are never duplicates). First
 * by a hash of both (no strings built): each task's key is hash × 2^22 + its row index, and a native
 * sort of the keys (doubles) brings equal hashes together in row order (no map of 50,000 entries).
 * A hash bucket of two or more is then split by the exact point and digit runs (hash collisions).
 */
export interface DuplicateState {
  keys: Float64Array;
  count: number;
  /** Too many tasks for the sort key: grouped by a map instead. */
  byMap: boolean;
}

export function duplicateState(tasks: number): DuplicateState {
  const byMap = tasks >= ROW_SLOTS;
  return { keys: new Float64Array(byMap ? 0 : tasks), count: 0, byMap };
}

/** The sort key of the task at position `i`. */
export function duplicateKeyOfTask(st: DuplicateState, t: Task, i: number): void {
  if (st.byMap || t.point === null || !t.name) return;
  const h = titleKeyDigitsHash(t.name, t.point);
  if (h < 0) return; // empty key
  st.keys[st.count++] = h * ROW_SLOTS + i; // h < 2^31, i < 2^22: exact in a double
}

export function duplicatesDone(ctx: RuleContext, st: DuplicateState): void {
  const tasks = ctx.submission.tasks;
  const buckets = groupsOf(tasks, st);
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i];
    const exact = new Map<string, Task[]>();
    for (const t of b) {
      const k = `${t.point}|${titleKeyDigits(t.name)}`;
      const list = exact.get(k);
      if (list) list.push(t);
      else exact.set(k, [t]);
    }
    for (const items of exact.values()) if (items.length > 1) checkBucket(ctx, items[0].point!, items.map((task) => ({ task, key: titleKey(task.name) })));
  }
}

/** The tasks that share a hash with another task, in groups (row order inside a group; groups in the order of their first row). */
export function bucketsByHash(tasks: Task[]): Task[][] {
  const st = duplicateState(tasks.length);
  for (let i = 0; i < tasks.length; i++) duplicateKeyOfTask(st, tasks[i], i);
  return groupsOf(tasks, st);
}

function groupsOf(tasks: Task[], st: DuplicateState): Task[][] {
  return st.byMap ? bucketsByHashMap(tasks) : groupsOfKeys(tasks, st.keys.subarray(0, st.count));
}

function groupsOfKeys(tasks: Task[], keys: Float64Array): Task[][] {
  const sorted = keys.sort();
  const m = sorted.length;
  const groups: { first: number; tasks: Task[] }[] = [];
  for (let a = 0; a < m; ) {
    const h = Math.floor(sorted[a] / ROW_SLOTS);
    let b = a + 1;
    while (b < m && Math.floor(sorted[b] / ROW_SLOTS) === h) b++;
    if (b - a > 1) {
      const g: Task[] = [];
      for (let k = a; k < b; k++) g.push(tasks[sorted[k] - h * ROW_SLOTS]);
      groups.push({ first: sorted[a] - h * ROW_SLOTS, tasks: g });
    }
    a = b;
  }
  // Groups in the order of their first row, as a map by hash would give them.
  groups.sort((x, y) => x.first - y.first);
  return groups.map((g) => g.tasks);
}

/** bucketsByHash for 2^22 tasks or more (row indexes do not fit the sort key; a sheet has at most 2^20 rows). */
export function bucketsByHashMap(tasks: Task[]): Task[][] {
  const byHash = new Map<number, Task[]>();
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i];
    if (t.point === null || !t.name) continue;
    const h = titleKeyDigitsHash(t.name, t.point);
    if (h < 0) continue;
    const b = byHash.get(h);
    if (b === undefined) byHash.set(h, [t]);
    else b.push(t);
  }
  return [...byHash.values()].filter((b) => b.length > 1);
}

/** The digit runs of a key joined by "," ("南京第3期2023" → "3,2023"); "" when it has none. (Reference for titleKeyDigits.) */
export function digitRuns(key: string): string {
  let out = '';
  let inRun = false;
  let start = -1;
  for (let i = 0; i <= key.length; i++) {
    const c = i < key.length ? key.charCodeAt(i) : -1;
    const d = c >= 48 && c <= 57;
    if (d && !inRun) {
      inRun = true;
      start = i;
    } else if (!d && inRun) {
      inRun = false;
      out = out ? out + ',' + key.slice(start, i) : key.slice(start, i);
    }
  }
  return out;
}

function checkBucket(ctx: RuleContext, point: number, items: { task: Task; key: string }[]): void {
  const t = DUPLICATE_THRESHOLD;
  const dict = new Map<number, number>();
  const exact = new Map<string, Rec>();
  const recs: Rec[] = [];
  const raw: number[][] = [];
  const matchOf = new Map<Rec, { other: Rec; sim: number }>();
  for (let i = 0; i < items.length; i++) {
    const { task, key } = items[i];
    const rec: Rec = { task, key, digits: '', toks: new Int32Array(0), order: i };
    const first = exact.get(key);
    if (first) {
      matchOf.set(rec, { other: first, sim: 1 });
      continue;
    }
    exact.set(key, rec);
    if (key.length < 3) continue; // too short for bigram similarity: exact only
    raw.push(Array.from(new Set(bigramIds(key, dict))));
    recs.push(rec);
  }
  // Rarity order: rarest bigram first.
  const df = new Int32Array(dict.size);
  for (const ids of raw) for (const id of ids) df[id]++;
  const byRarity = Array.from({ length: dict.size }, (_, i) => i).sort((a, b) => df[a] - df[b] || a - b);
  const rank = new Int32Array(dict.size);
  byRarity.forEach((id, r) => (rank[id] = r));
  recs.forEach((r, i) => {
    const ids = raw[i].sort((a, b) => rank[a] - rank[b]);
    r.toks = Int32Array.from(ids);
  });
  // Process by size, then row order; index prefixes of processed records.
  const sorted = recs.slice().sort((a, b) => a.toks.length - b.toks.length || a.order - b.order);
  const inverted = new Map<number, Rec[]>();
  const seen = new Set<Rec>();
  for (const x of sorted) {
    const n = x.toks.length;
    const prefix = n - Math.ceil(t * n) + 1;
    const minLen = Math.ceil(t * n);
    seen.clear();
    let best: { other: Rec; sim: number } | null = null;
    for (let p = 0; p < prefix && p < n; p++) {
      const list = inverted.get(x.toks[p]);
      if (!list) continue;
      for (const y of list) {
        if (seen.has(y) || y.toks.length < minLen) continue;
        seen.add(y);
        const sim = jaccard(x.toks, y.toks, rank);
        if (sim >= t && (!best || y.order < best.other.order)) best = { other: y, sim };
      }
    }
    if (best) {
      // Report the later row, pointing at the earlier one.
      const [later, earlier] = best.other.order < x.order ? [x, best.other] : [best.other, x];
      const prev = matchOf.get(later);
      if (!prev || earlier.order < prev.other.order) matchOf.set(later, { other: earlier, sim: best.sim });
    }
    for (let p = 0; p < prefix && p < n; p++) {
      let list = inverted.get(x.toks[p]);
      if (!list) inverted.set(x.toks[p], (list = []));
      list.push(x);
    }
  }
  for (const [rec, m] of matchOf) {
    ctx.findings.push(
      makeFinding('task.duplicate', at(rec.task, 'name'), {
        otherRow: m.other.task.source.row,
        otherName: m.other.task.name,
        point,
        similarity: Math.round(m.sim * 100) / 100,
        likeness: nameLikeness(m.sim),
      }),
    );
  }
}

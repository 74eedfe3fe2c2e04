/**
 * Scoring many task texts against the catalog's points: the content of a task (which repeats) is
 * tokenised and scored once, the name merged in; cheap bounds rule out most "fits another point
 * better" questions without scoring every point. The same numbers as similarity.ts' scoreAllPoints
 * and suggestMeasures on the joined text.
 */
import { REGION_PLACEHOLDER } from './types';
import { CLASS, round4, scoreAllPoints, suggestMeasures, TF_TABLE } from './similarity';
import type { PointIndex } from './similarity';

/**
 * Scores of task texts `name + "。" + content` against every point, as scoreAllPoints would give for
 * that joined text, but the content (which repeats: tasks are often written from the same measure)
 * is tokenised and scored once per distinct content. "。" breaks bigrams, so the token counts of the
 * joined text are the counts of the name plus the counts of the content; only the tokens the name
 * shares with the content need their weight re-done. One scorer per index (taskTextScorerOf), its
 * bounded caches emptied at the start of each validation run.
 */
export interface TaskTextScorer {
  /**
   * Scores (in point order) of `name` + "。" + the first `contentChars` characters of `content`.
   * Written into `out` when given (length = number of points; saves an allocation per call).
   */
  score(name: string, content: string, out?: Float64Array): Float64Array;
  /**
   * Could some point other than `own` (an index in point order; −1 for none) fit the text well
   * enough, i.e. score ≥ minScore and ≥ ratio × own's score + margin? False only when that is
   * provably impossible: a cheap upper bound on every other point's score (the content's best
   * other dot product plus, for each name token, its weight gain × its largest weight in any
   * point) is below both thresholds. A content met for the first time is first tried with a
   * looser bound that needs no dot product with every point (each content token's weight × its
   * largest weight in any point; the own point's dot product by binary search in the postings).
   * True means "score it" (score() gives the exact answer).
   */
  mayFitOther(name: string, content: string, own: number, minScore: number, ratio: number, margin: number): boolean;
  /** Empty the per-content caches (they are valid for any text, and only bounded in size). */
  reset(): void;
  /** suggestMeasures(index, name + "。" + content, point, k), with array lookups. */
  measures(name: string, content: string, point: number, k: number): { index: number; committeeId: string | null; score: number }[];
  /**
   * What a check of the committee needs of measures(name, content, point, all): its first entry
   * (the best measure; undefined when none) and the best score among the measures of committee
   * `committeeId` (0 when none) — without a list sorted per task.
   */
  measureFit(name: string, content: string, point: number, committeeId: string): MeasureFit;
}

export interface MeasureFit {
  top: { index: number; committeeId: string | null; score: number } | undefined;
  own: number;
}

/** measureFit from measures()'s sorted list (the reference). */
function fitOfList(ms: { index: number; committeeId: string | null; score: number }[], committeeId: string): MeasureFit {
  return { top: ms[0], own: ms.find((m) => m.committeeId === committeeId)?.score ?? 0 };
}

interface ContentEntry {
  /** The content's token ids (dense ids, first occurrence first) and their counts (a 160-character text has no count above 255). */
  ids: Int32Array;
  cnt: Uint8Array;
  /** The squared norm (seen and unseen tokens); −1 when a count is over 255 (the joined text is then scored as a whole). */
  sq: number;
  /** No point's dot product with the content exceeds this: Σ weight × the token's largest weight in any point. */
  bound: number;
  /** Un-normalised dot products per point (computed on first need), the largest, its point index, and the largest of the others. */
  dots: Float64Array | null;
  /** Times mayFitOther met this content before its dot products were computed. */
  uses: number;
  best1: number;
  best1Index: number;
  best2: number;
}

/** Bytes of cached content entries (their dot products per point) per scorer. */
const CONTENT_CACHE_BYTES = 4_000_000;

const scorers = new WeakMap<PointIndex, Map<number, TaskTextScorer>>();
/**
 * The scorer of an index, made once and reset for each use: a new scorer per validation run would
 * be new closures each time, and V8's optimised callers deoptimise on a new call target.
 */
export function taskTextScorerOf(index: PointIndex, contentChars = Infinity): TaskTextScorer {
  let byChars = scorers.get(index);
  if (!byChars) scorers.set(index, (byChars = new Map()));
  let scorer = byChars.get(contentChars);
  if (!scorer) byChars.set(contentChars, (scorer = taskTextScorer(index, contentChars)));
  else scorer.reset();
  return scorer;
}

export function taskTextScorer(index: PointIndex, contentChars = Infinity): TaskTextScorer {
  const dense = index.dense;
  const cut = (content: string) => (content.length > contentChars ? content.slice(0, contentChars) : content);
  if (!dense) {
    return {
      score: (name, content, out) => {
        const scores = scoreAllPoints(index, content ? `${name}。${cut(content)}` : name);
        if (out) out.set(scores);
        return out ?? scores;
      },
      measures: (name, content, point, k) => suggestMeasures(index, content ? `${name}。${cut(content)}` : name, point, k),
      measureFit: (name, content, point, committeeId) => fitOfList(suggestMeasures(index, content ? `${name}。${cut(content)}` : name, point, Infinity), committeeId),
      mayFitOther: () => true,
      reset: () => undefined,
    };
  }
  const P = index.points.length;
  const cache = new Map<string, ContentEntry>();
  const nIds = index.idfById.length;
  const cacheLimit = Math.max(16, Math.floor(CONTENT_CACHE_BYTES / (8 * P + 256)));
  const { counts, touched } = index.scratch;
  const { charId, width, uni, idfBoost } = dense;
  const unseenIdf = Math.log(1 + (P || 1));
  const unseenUni = unseenIdf * unseenIdf, unseenBi = unseenUni * 2.25;
  const { postDocs, postWeights } = index;
  const tf = (n: number) => (n < TF_TABLE.length ? TF_TABLE[n] : 1 + Math.log(n));

  // Bigram ids by (char id, char id) in an open-addressing hash table (load ≤ 1/4).
  let nBi = 0;
  for (const tok of index.tokenId.keys()) if (tok >= 65536) nBi++;
  let hashBits = 4;
  while (1 << hashBits < nBi * 4) hashBits++;
  const hashShift = 32 - hashBits, hashMask = (1 << hashBits) - 1;
  const hashKeys = new Int32Array(1 << hashBits).fill(-1);
  const hashIds = new Int32Array(1 << hashBits);
  for (const [tok, id] of index.tokenId) {
    if (tok < 65536) continue;
    const key = charId[Math.floor(tok / 65536) - 1] * width + charId[tok % 65536];
    let h = Math.imul(key, 0x9e3779b1) >>> hashShift;
    while (hashKeys[h] >= 0) h = (h + 1) & hashMask;
    hashKeys[h] = key;
    hashIds[h] = id;
  }

  /** Tokenise into the scratch counts; returns [number of touched ids, squared norm of unseen tokens]. */
  let unseenSq = 0;
  const placeholderFirst = REGION_PLACEHOLDER.charCodeAt(0);
  const tokenise = (text: string): number => {
    let nt = 0;
    let sq = 0;
    let prev = -1;
    for (let i = 0; i < text.length; i++) {
      let c = text.charCodeAt(i);
      // The region placeholder is skipped (as if absent: the characters around it form a bigram).
      if (c === placeholderFirst && text.startsWith(REGION_PLACEHOLDER, i)) {
        i += REGION_PLACEHOLDER.length - 1;
        continue;
      }
      if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
      if (c >= 65 && c <= 90) c += 32;
      const cls = CLASS[c];
      if (cls === 1) {
        prev = -1;
        continue;
      }
      const ci = charId[c];
      if (cls === 0) {
        const id = ci ? uni[ci] : -1;
        if (id < 0) sq += unseenUni;
        else if (counts[id]++ === 0) touched[nt++] = id;
      }
      if (prev >= 0) {
        const pi = charId[prev];
        let id = -1;
        if (pi && ci) {
          // Small open-addressing table instead of the width² array: stays in cache.
          const key = pi * width + ci;
          let h = Math.imul(key, 0x9e3779b1) >>> hashShift;
          for (;;) {
            const k = hashKeys[h];
            if (k === key) {
              id = hashIds[h];
              break;
            }
            if (k < 0) break;
            h = (h + 1) & hashMask;
          }
        }
        if (id < 0) sq += unseenBi;
        else if (counts[id]++ === 0) touched[nt++] = id;
      }
      prev = c;
    }
    unseenSq = sq;
    return nt;
  };

  /** The largest normalised weight of each token in any point doc. */
  const maxWeight = new Float64Array(nIds);
  for (let id = 0; id < nIds; id++) {
    const ws = postWeights[id];
    let m = 0;
    for (let j = 0; j < ws.length; j++) if (ws[j] > m) m = ws[j];
    maxWeight[id] = m;
  }
  /**
   * Keyed by the whole content (the same string object hashes once); scored on its first contentChars.
   * Only the content's own tokens are kept (no vocabulary-sized arrays per content): the dot products
   * with every point are computed when first needed (dotsOf).
   */
  const entryOf = (content: string): ContentEntry => {
    let e = cache.get(content);
    if (e) return e;
    const nt = tokenise(cut(content));
    const ids = new Int32Array(nt);
    for (let k = 0; k < nt; k++) ids[k] = touched[k];
    const cnt = new Uint8Array(nt);
    let sq = unseenSq;
    let bound = 0;
    let big = false;
    for (let k = 0; k < nt; k++) {
      const id = ids[k];
      const n = counts[id];
      if (n > 255) big = true;
      cnt[k] = n;
      counts[id] = 0;
      const w = tf(n) * idfBoost[id];
      sq += w * w;
      bound += w * maxWeight[id];
    }
    // A content longer than contentChars with a token over 255 times: score the joined text.
    if (big) return { ids, cnt, sq: -1, bound: Infinity, dots: null, uses: 0, best1: 0, best1Index: -1, best2: 0 };
    e = { ids, cnt, sq, bound, dots: null, uses: 0, best1: 0, best1Index: -1, best2: 0 };
    if (cache.size < cacheLimit) cache.set(content, e);
    return e;
  };

  /** The content's dot product with every point (in token order, as scoreAllPoints sums), and the two largest. */
  const dotsOf = (e: ContentEntry): Float64Array => {
    if (e.dots) return e.dots;
    const dots = new Float64Array(P);
    const { ids, cnt } = e;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      const w = tf(cnt[k]) * idfBoost[id];
      const docs = postDocs[id], ws = postWeights[id];
      for (let j = 0; j < docs.length; j++) dots[docs[j]] += w * ws[j];
    }
    let best1 = -Infinity, best1Index = -1, best2 = -Infinity;
    for (let i = 0; i < P; i++) {
      const d = dots[i];
      if (d > best1) {
        best2 = best1;
        best1 = d;
        best1Index = i;
      } else if (d > best2) best2 = d;
    }
    e.best1 = best1;
    e.best1Index = best1Index;
    e.best2 = best2;
    return (e.dots = dots);
  };

  /** The content's dot product with one point (postings are in point order: binary search), summed as dotsOf sums it. */
  const dotWith = (e: ContentEntry, point: number): number => {
    if (e.dots) return e.dots[point];
    const { ids, cnt } = e;
    let dot = 0;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      const docs = postDocs[id];
      let lo = 0, hi = docs.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const d = docs[mid];
        if (d === point) {
          dot += tf(cnt[k]) * idfBoost[id] * postWeights[id][mid];
          break;
        }
        if (d < point) lo = mid + 1;
        else hi = mid - 1;
      }
    }
    return dot;
  };

  /** Measure docs of a point as dense normalised weight arrays (null when a measure has a token no point has). */
  const measureVecs = new Map<number, { index: number; committeeId: string | null; w: Float64Array }[] | null>();
  const vecsOf = (point: number) => {
    if (measureVecs.has(point)) return measureVecs.get(point)!;
    const ms = index.measures.get(point);
    let out: { index: number; committeeId: string | null; w: Float64Array }[] | null = [];
    for (const m of ms ?? []) {
      const w = new Float64Array(index.idfById.length);
      for (const [tok, x] of m.doc.weights) {
        const id = index.tokenId.get(tok);
        if (id === undefined) {
          out = null;
          break;
        }
        w[id] = x / m.doc.norm;
      }
      if (!out) break;
      out.push({ index: m.index, committeeId: m.committeeId, w });
    }
    measureVecs.set(point, out);
    return out;
  };

  /**
   * The name's tokens merged into a content's counts (the joined text "name。content"): after the
   * call, touched[k] for k < the returned count are the name's token ids, gains[k] how much each
   * one's weight grows (its weight in the joined text − in the content alone), and mergedSq the
   * joined text's squared norm.
   */
  const gains = new Float64Array(nIds);
  /** A content's counts by dense id while its entry is merged with a name (zero otherwise). */
  const contentCounts = new Uint8Array(nIds);
  let mergedSq = 0;
  const mergeName = (name: string, e: ContentEntry): number => {
    const { ids, cnt } = e;
    for (let k = 0; k < ids.length; k++) contentCounts[ids[k]] = cnt[k];
    const nt = tokenise(name);
    let sq = e.sq + unseenSq;
    for (let k = 0; k < nt; k++) {
      const id = touched[k];
      const n = counts[id];
      counts[id] = 0;
      const cc = contentCounts[id];
      const ib = idfBoost[id];
      const wNew = tf(n + cc) * ib;
      const wOld = cc ? tf(cc) * ib : 0;
      sq += wNew * wNew - wOld * wOld;
      gains[k] = wNew - wOld;
    }
    for (let k = 0; k < ids.length; k++) contentCounts[ids[k]] = 0;
    mergedSq = sq;
    return nt;
  };

  /** Dot products of a content (its token weights) with the measure vectors of a point, per point and content. */
  const measureDots = new Map<number, Map<string, Float64Array>>();
  const measureDotsOf = (point: number, content: string, e: ContentEntry, vecs: { w: Float64Array }[]): Float64Array => {
    let byContent = measureDots.get(point);
    if (!byContent) measureDots.set(point, (byContent = new Map()));
    let d = byContent.get(content);
    if (d) return d;
    d = new Float64Array(vecs.length);
    // In the order of dense ids (the order these sums have always been taken in).
    const order = Int32Array.from(e.ids).sort();
    for (let k = 0; k < e.ids.length; k++) contentCounts[e.ids[k]] = e.cnt[k];
    for (let k = 0; k < order.length; k++) {
      const id = order[k];
      const w = tf(contentCounts[id]) * idfBoost[id];
      contentCounts[id] = 0;
      for (let m = 0; m < vecs.length; m++) d[m] += w * vecs[m].w[id];
    }
    if (byContent.size < cacheLimit) byContent.set(content, d);
    return d;
  };

  /** Scratch of measureDotsWithName: the dot products of the joined text with each measure of a point. */
  let nameDots = new Float64Array(16);
  /**
   * Dot products of name + "。" + content with the measure vectors `vecs` of `point` into nameDots
   * (the content's computed once per content, the name's tokens merged in, as score() does); returns
   * the joined text's norm.
   */
  const measureDotsWithName = (name: string, content: string, point: number, vecs: { w: Float64Array }[]): number => {
    if (nameDots.length < vecs.length) nameDots = new Float64Array(vecs.length);
    const dots = nameDots;
    const e = content ? entryOf(content) : undefined;
    let sq: number;
    if (e && e.sq >= 0) {
      dots.set(measureDotsOf(point, content, e, vecs));
      const nt = mergeName(name, e);
      sq = mergedSq;
      for (let t = 0; t < nt; t++) {
        const id = touched[t];
        const delta = gains[t];
        for (let m = 0; m < vecs.length; m++) dots[m] += delta * vecs[m].w[id];
      }
    } else {
      const nt = tokenise(content ? `${name}。${cut(content)}` : name);
      sq = unseenSq;
      dots.fill(0, 0, vecs.length);
      for (let t = 0; t < nt; t++) {
        const id = touched[t];
        const w = tf(counts[id]) * idfBoost[id];
        counts[id] = 0;
        sq += w * w;
        for (let m = 0; m < vecs.length; m++) dots[m] += w * vecs[m].w[id];
      }
    }
    return Math.sqrt(sq) || 1;
  };
  /**
   * Per character (dense id): the most one occurrence can add to a point's dot product — its
   * unigram's and its heaviest bigram ending in it's idf × boost × largest point weight (a name
   * token occurring n more times gains at most n × that, since 1 + log tf grows by ≤ 1 a step).
   */
  const charGain = new Float64Array(width);
  {
    const uniPart = new Float64Array(width), biMax = new Float64Array(width);
    for (const [tok, id] of index.tokenId) {
      const g = idfBoost[id] * maxWeight[id];
      if (tok < 65536) uniPart[charId[tok]] += g;
      else {
        const c = charId[tok % 65536];
        if (g > biMax[c]) biMax[c] = g;
      }
    }
    for (let c = 1; c < width; c++) charGain[c] = uniPart[c] + biMax[c];
  }
  const empty: ContentEntry = { ids: new Int32Array(0), cnt: new Uint8Array(0), sq: 0, bound: 0, dots: new Float64Array(P), uses: 0, best1: 0, best1Index: P > 0 ? 0 : -1, best2: 0 };

  return {
    reset(): void {
      cache.clear();
      measureDots.clear();
    },
    score(name: string, content: string, out?: Float64Array): Float64Array {
      const e = content ? entryOf(content) : empty;
      if (e.sq < 0) {
        const all = scoreAllPoints(index, `${name}。${cut(content)}`);
        if (out) out.set(all);
        return out ?? all;
      }
      const scores = out ?? new Float64Array(P);
      scores.set(dotsOf(e));
      const nt = mergeName(name, e);
      for (let k = 0; k < nt; k++) {
        const id = touched[k];
        const delta = gains[k];
        const docs = postDocs[id], ws = postWeights[id];
        for (let j = 0; j < docs.length; j++) scores[docs[j]] += delta * ws[j];
      }
      const norm = Math.sqrt(mergedSq) || 1;
      for (let i = 0; i < P; i++) scores[i] /= norm;
      return scores;
    },
    mayFitOther(name: string, content: string, own: number, minScore: number, ratio: number, margin: number): boolean {
      const e = content ? entryOf(content) : empty;
      if (e.sq < 0) return true;
      // A content met again (tasks are often written from the same measure): its dot products with every point are worth computing once.
      if (!e.dots && e.uses++ > 0) dotsOf(e);
      const ownDot = own >= 0 && own < P ? dotWith(e, own) : 0;
      // First a looser bound without tokenising the name: each of its characters adds at most
      // charGain (its unigram's and its best bigram's weight × largest point weight), and the
      // norm is at least the content's.
      let pre = 0;
      for (let i = 0; i < name.length; i++) {
        let c = name.charCodeAt(i);
        if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
        if (c >= 65 && c <= 90) c += 32;
        if (CLASS[c] !== 1) pre += charGain[charId[c]];
      }
      const normLow = Math.sqrt(e.sq);
      // Loosest: the content's bound instead of its best other dot product (no dot product with every point yet).
      if (!e.dots) {
        const upperBound = (e.bound + pre) * (1 + 1e-9) + 1e-12;
        if (upperBound < minScore * normLow || upperBound < ratio * ownDot + margin * normLow) return false;
      }
      dotsOf(e);
      const otherBest = own === e.best1Index ? e.best2 : e.best1;
      if (otherBest === -Infinity) return false; // no other point
      const upperPre = (otherBest + pre) * (1 + 1e-9) + 1e-12;
      if (upperPre < minScore * normLow || upperPre < ratio * ownDot + margin * normLow) return false;
      // The same norm as score() computes.
      const nt = mergeName(name, e);
      let gain = 0;
      for (let k = 0; k < nt; k++) gain += gains[k] * maxWeight[touched[k]];
      const norm = Math.sqrt(mergedSq) || 1;
      // Every other point's dot product is at most `upper`; the own point's is at least its content dot.
      const upper = (otherBest + gain) * (1 + 1e-9) + 1e-12; // slack for rounding
      return upper >= minScore * norm && upper >= ratio * ownDot + margin * norm;
    },
    measures(name: string, content: string, point: number, k: number) {
      const vecs = vecsOf(point);
      if (!vecs) return suggestMeasures(index, content ? `${name}。${cut(content)}` : name, point, k);
      if (!vecs.length || (!name && !content)) return [];
      const norm = measureDotsWithName(name, content, point, vecs);
      // Pushed into a literal (not vecs.map, whose arrays V8 may give another elements kind: a
      // deoptimisation of this function at `out.sort` in the first run of a process).
      const out: { index: number; committeeId: string | null; score: number }[] = [];
      for (let i = 0; i < vecs.length; i++) out.push({ index: vecs[i].index, committeeId: vecs[i].committeeId, score: round4(nameDots[i] / norm) });
      out.sort((a, b) => b.score - a.score || a.index - b.index);
      return k >= out.length ? out : out.slice(0, Math.max(0, k));
    },
    measureFit(name: string, content: string, point: number, committeeId: string): MeasureFit {
      const vecs = vecsOf(point);
      if (!vecs) return fitOfList(suggestMeasures(index, content ? `${name}。${cut(content)}` : name, point, Infinity), committeeId);
      if (!vecs.length || (!name && !content)) return { top: undefined, own: 0 };
      const norm = measureDotsWithName(name, content, point, vecs);
      // The first of measures()'s order (score descending, then index ascending) and the best own score.
      let best = -1, bestScore = 0, own = -Infinity;
      for (let i = 0; i < vecs.length; i++) {
        const score = round4(nameDots[i] / norm);
        if (best < 0 || score > bestScore || (score === bestScore && vecs[i].index < vecs[best].index)) {
          best = i;
          bestScore = score;
        }
        if (vecs[i].committeeId === committeeId && score > own) own = score;
      }
      const v = vecs[best];
      return { top: { index: v.index, committeeId: v.committeeId, score: bestScore }, own: own === -Infinity ? 0 : own };
    },
  };
}

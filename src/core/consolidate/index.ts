/**
 * 汇总: checked submissions (one entry per file) → SummaryModel. Pure and deterministic: the same
 * inputs give the same model whatever their order (only `generatedAt` differs between runs).
 *
 * Rules
 * - A file refused when read is listed (已拒收) with the reader's reason.
 * - A submission for another plan year, made from another catalog, or naming no known committee is
 *   refused (已拒收) with the reason; the command goes on with the rest.
 * - The latest submission per committee wins, by time: the 提交 stamp, else the workbook's own
 *   saved time, else the file's modification time, and only then by file name and SHA-256 (so the
 *   choice never depends on order); submissionVersion never decides. latest.ts has the order and
 *   why. The others are listed as 被替换; the roster says, on both sides, which key decided and
 *   gives the other file's date (北京时间).
 * - Nothing is dropped: every row of a counted submission is in tasks / budgetLines / milestones;
 *   the rows of a refused or replaced file are covered by that file's consolidation finding, which
 *   says how many rows were not counted and why.
 * - Drafts (草稿) are listed with status 草稿 and do not count as tasks or cover a point; their budget
 *   lines count (money asked for is never hidden).
 */
import { isoDay } from '../util/time';
import { newerFirst, replacedNote, whyPhrase, winnerNote, type FileTimes } from './latest';
import { forgedRefusal, missingTokenFinding, noSecretFinding, outrankedNote, secretOf, statusOf, TRUST_CODES, trustRank, unverifiedChoiceFinding } from './trust';
import { TOKEN_LABEL, type TokenStatus } from '../plan/token';
import type { Catalog, WorkPoint } from '../catalog/types';
import type { PointIndex } from '../catalog/similarity';
import { fillRegion } from '../catalog/index';
import { resolveKeyDates } from '../catalog/keyDates';
import { suggestMeasures } from '../catalog/similarity';
import { tidy } from '../plan/normalise';
import { metaBudgetUnit } from '../validate/rules/submission';
import { taskIndexOf } from '../plan/submission';
import type { BudgetLine, Settings, Submission, Task } from '../plan/types';
import { sortFindings } from '../validate/codes';
import { pointIndexOf, pointLookupsOf, taskText } from '../validate/rules/context';
import type { Finding, Message, Severity } from '../validate/types';
import type {
  Changes,
  CommitteeTotal,
  ConsolidationInput,
  CrossTable,
  FileStatus,
  PointTotal,
  PreviousSummary,
  RosterEntry,
  SectionTotal,
  SummaryBudgetLine,
  SummaryMilestone,
  SummaryModel,
  SummaryTask,
  TaskChange,
  TaskStatus,
  TimelineItem,
} from './types';

export * from './types';

export interface ConsolidateOptions {
  /** The previous summary (read from its hidden _summary sheet), for the 变更 sheet. */
  previous?: PreviousSummary | null;
  /** Time of consolidation (ISO); default now. */
  generatedAt?: string;
  /**
   * The secretariat's secret (core/plan/token.ts), to check each workbook's committee token: a token
   * that does not match is refused as forged, a file without a valid token never replaces one with.
   * Unset or "": tokens cannot be checked (a warning says so; see ./trust.ts).
   */
  secret?: string;
}

/** Codes of consolidation findings (file-level: sheet "", row 0). */
export const CONSOLIDATE_CODES = {
  refusedYear: 'consolidate.refused.year',
  refusedCatalog: 'consolidate.refused.catalog',
  refusedCommittee: 'consolidate.refused.committee',
  refusedUnit: 'consolidate.refused.unit',
  refusedForged: TRUST_CODES.refusedForged,
  refusedRead: 'consolidate.refused.read',
  replaced: 'consolidate.replaced',
  missing: 'consolidate.missing',
} as const;

/** Codes whose finding stands for every row of its file (the file does not count). */
export const FILE_EXCLUSION_CODES = new Set<string>([
  CONSOLIDATE_CODES.refusedYear,
  CONSOLIDATE_CODES.refusedCatalog,
  CONSOLIDATE_CODES.refusedCommittee,
  CONSOLIDATE_CODES.refusedUnit,
  CONSOLIDATE_CODES.refusedForged,
  CONSOLIDATE_CODES.refusedRead,
  CONSOLIDATE_CODES.replaced,
]);

const fileFinding = (severity: Severity, code: string, file: string, message: Message, fix: Message | null, raw: unknown = null): Finding => ({
  severity,
  code,
  message,
  file,
  sheet: '',
  row: 0,
  column: '',
  columnKey: '',
  raw,
  fix,
});

const round = (n: number) => tidy(n);

function metaOf(sub: { meta: Record<string, string> }, ...keys: string[]): string {
  for (const k of keys) {
    const v = sub.meta?.[k];
    if (v !== undefined && v !== null && String(v).trim() !== '') return String(v).trim();
  }
  return '';
}

/** Compare dotted version strings numerically ("1.10" > "1.9"); non-numbers compare as text. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.\-_ ]/), pb = b.split(/[.\-_ ]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '', y = pb[i] ?? '';
    const nx = Number(x), ny = Number(y);
    if (x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny)) {
      if (nx !== ny) return nx - ny;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

interface Candidate {
  input: ConsolidationInput;
  submission: Submission;
  findings: Finding[];
  committeeId: string;
  /** What the order of latest.ts looks at. */
  times: FileTimes;
  /** Its committee token's status: a verified file always counts before one that is not (./trust.ts). */
  token: TokenStatus;
}

const countRows = (s: Submission) => ({
  tasks: s.tasks.length,
  lines: s.budgetLines.length,
  milestones: s.tasks.reduce((n, t) => n + t.milestones.length, 0) + s.orphanMilestones.length,
});

function rowsNote(s: Submission): Message {
  const c = countRows(s);
  return {
    zh: `其中 ${c.tasks} 项任务、${c.lines} 条预算、${c.milestones} 个里程碑均未汇总`,
    en: `its ${c.tasks} tasks, ${c.lines} budget lines and ${c.milestones} milestones are not consolidated`,
  };
}

const SEV_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

function monthsBetween(year: number, start: string | null, end: string | null): boolean[] {
  const out = new Array<boolean>(12).fill(false);
  const s = start ?? end, e = end ?? start;
  if (!s || !e) return out;
  const ys = Number(s.slice(0, 4)), ms = Number(s.slice(5, 7)), ye = Number(e.slice(0, 4)), me = Number(e.slice(5, 7));
  const from = ys < year ? 1 : ys > year ? 13 : ms;
  const to = ye > year ? 12 : ye < year ? 0 : me;
  for (let m = from; m <= to; m++) if (m >= 1 && m <= 12) out[m - 1] = true;
  return out;
}

/** The measures of a point a task of committee `cid` can cover: the committee's own, else the shared ones. */
function measureCandidates(pt: WorkPoint, cid: string): WorkPoint['measures'] {
  const mine = pt.measures.filter((m) => m.committeeId === cid);
  return mine.length ? mine : pt.measures.filter((m) => m.committeeId === null || pt.measures.every((x) => x.committeeId !== null));
}

/** The measure of point `pt` a confirmed task of committee `cid` covers: the candidate it fits best, or null. Depends on the task and the catalog only. */
function coveredMeasure(index: PointIndex, pt: WorkPoint, cid: string, t: Task): number | null {
  const cands = measureCandidates(pt, cid);
  if (cands.length === 1) return cands[0].index;
  if (cands.length === 0) return null;
  const best = suggestMeasures(index, taskText(t), pt.number, pt.measures.length).find((s) => s.score > 0 && cands.some((c) => c.index === s.index));
  return best ? best.index : null;
}

/**
 * Per task of a checked submission, the measure it covers as far as coverage goes — null when none,
 * or none that an earlier task of the same submission does not already cover (so the whole point
 * need not be scored again, as consolidate skips it too); undefined for a draft or a task without a
 * known point. What consolidate would work out itself, for the thread that checked the file to do
 * in parallel (ConsolidationInput.measures): the covered measures come out the same.
 */
export function measureHints(sub: Submission, catalog: Catalog): (number | null | undefined)[] {
  const index = pointIndexOf(catalog);
  const cid = sub.committeeId ?? '';
  const { pointByNumber } = pointLookupsOf(catalog);
  const covered = new Map<number, Set<number>>();
  return sub.tasks.map((t) => {
    const pt = t.point !== null ? pointByNumber.get(t.point) : undefined;
    if (t.draft || !pt) return undefined;
    const c = t.committeeId || cid;
    const done = covered.get(pt.number);
    if (done && measureCandidates(pt, c).every((m) => done.has(m.index))) return null;
    const chosen = coveredMeasure(index, pt, c, t);
    if (chosen !== null) {
      const set = done ?? new Set<number>();
      set.add(chosen);
      covered.set(pt.number, set);
    }
    return chosen;
  });
}

/** The roster note of a committee's counted file: the files it replaced by time (latest.ts), and those it replaced because its token is valid and theirs is not. */
function rankedWinnerNote(w: Candidate, losers: Candidate[]): Message {
  const byTrust = losers.filter((l) => trustRank(l.token) < trustRank(w.token));
  if (!byTrust.length) return winnerNote(w.times, losers.map((l) => l.times));
  const zh = losers.map((l) =>
    byTrust.includes(l) ? `替换了“${l.input.fileName}”（本文件令牌已验证，该文件${TOKEN_LABEL[l.token].zh}）` : `替换了“${l.input.fileName}”（${whyPhrase(w.times, l.times, 'winner').zh}）`,
  );
  const en = losers.map((l) =>
    byTrust.includes(l) ? `replaces "${l.input.fileName}" (this file's token is verified; that file: ${TOKEN_LABEL[l.token].en})` : `replaces "${l.input.fileName}" (${whyPhrase(w.times, l.times, 'winner').en})`,
  );
  return { zh: `以本文件为准，${zh.join('；')}。`, en: `This file counts: it ${en.join('; ')}.` };
}

/** Consolidate checked submissions into the summary model. */
export function consolidate(inputs: ConsolidationInput[], catalog: Catalog, settings: Settings, options: ConsolidateOptions = {}): SummaryModel {
  const generatedAt = options.generatedAt ?? new Date().toISOString();
  const committeeName = new Map(catalog.committees.map((c) => [c.id, c.name]));
  const nameOf = (id: string | null | undefined) => (id ? committeeName.get(id) ?? id : '');
  const pointByNumber = new Map<number, WorkPoint>(catalog.points.map((p) => [p.number, p]));
  // Canonical order of the inputs: nothing below depends on the order they were given in.
  const sorted = [...inputs].sort((a, b) => (a.fileName !== b.fileName ? (a.fileName < b.fileName ? -1 : 1) : a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));

  const findings: Finding[] = [];
  const others: RosterEntry[] = [];
  const candidates = new Map<string, Candidate[]>();

  const secret = secretOf(options.secret);
  const rosterOf = (input: ConsolidationInput, status: FileStatus, committeeId: string, reason: Message | null, sub?: Submission, subFindings: Finding[] = [], token: TokenStatus | '' = ''): RosterEntry => ({
    committeeId,
    committee: nameOf(committeeId),
    status,
    token,
    fileName: input.fileName,
    sha256: input.sha256,
    size: input.size,
    templateVersion: sub ? metaOf(sub, 'templateVersion') : '',
    submissionVersion: sub ? metaOf(sub, 'submissionVersion') : '',
    submittedAt: sub ? metaOf(sub, 'submittedAt') : '',
    savedAt: input.savedAt ?? '',
    modifiedAt: input.modifiedAt ?? '',
    reason,
    basis: null,
    tasks: sub ? sub.tasks.filter((t) => !t.draft).length : 0,
    budget: sub ? round(sub.budgetLines.reduce((s, l) => s + (l.amount ?? 0), 0)) : 0,
    errors: subFindings.filter((f) => f.severity === 'error').length,
    warnings: subFindings.filter((f) => f.severity === 'warning').length,
  });

  for (const input of sorted) {
    const o = input.outcome;
    const file = input.fileName;
    if (o.kind === 'refused') {
      const reason = o.finding.message;
      findings.push({ ...o.finding, file: o.finding.file || file });
      findings.push(
        fileFinding('error', CONSOLIDATE_CODES.refusedRead, file, { zh: `文件“${file}”已拒收：${reason.zh}`, en: `File "${file}" refused: ${reason.en}` }, o.finding.fix),
      );
      others.push(rosterOf(input, '已拒收', '', reason));
      continue;
    }
    const sub = o.submission;
    const metaYear = metaOf(sub, 'year', 'planYear', '计划年度');
    const metaHash = metaOf(sub, 'catalogHash', 'catalog_hash');
    const cid = sub.committeeId ?? '';
    let refusal: { code: string; reason: Message; fix: Message } | null = null;
    if (metaYear && parseInt(metaYear, 10) !== settings.year)
      refusal = {
        code: CONSOLIDATE_CODES.refusedYear,
        reason: { zh: `该工作簿为 ${metaYear} 年计划，本次汇总为 ${settings.year} 年`, en: `the workbook is for plan year ${metaYear}, this consolidation is for ${settings.year}` },
        fix: { zh: `请该专委会用 ${settings.year} 年的计划工作簿重新填报。`, en: `Ask the committee to fill in the ${settings.year} plan workbook.` },
      };
    else if (metaHash && metaHash !== catalog.hash)
      refusal = {
        code: CONSOLIDATE_CODES.refusedCatalog,
        reason: { zh: `该工作簿按另一版工作要点生成（${metaHash}），本次汇总的工作要点为 ${catalog.hash}`, en: `the workbook was made from another plan outline (${metaHash}); this consolidation uses ${catalog.hash}` },
        fix: { zh: '请该专委会用按当前工作要点生成的计划工作簿重新填报。', en: 'Ask the committee to refill a workbook generated from the current plan outline.' },
      };
    else if (metaBudgetUnit(sub.meta ?? {}) && metaBudgetUnit(sub.meta ?? {}) !== settings.budgetUnit)
      refusal = {
        code: CONSOLIDATE_CODES.refusedUnit,
        reason: { zh: `该工作簿的金额单位为${metaBudgetUnit(sub.meta)}，本次汇总为${settings.budgetUnit}，金额不能混算`, en: `the workbook's amounts are in ${metaBudgetUnit(sub.meta)}, this consolidation's in ${settings.budgetUnit}` },
        fix: { zh: `请该专委会用金额单位为${settings.budgetUnit}的计划工作簿重新填报。`, en: `Ask the committee to refill a workbook in ${settings.budgetUnit}.` },
      };
    else if (!cid || !committeeName.has(cid))
      refusal = {
        code: CONSOLIDATE_CODES.refusedCommittee,
        reason: { zh: `无法确定该工作簿属于哪个专委会（元数据为“${metaOf(sub, 'committeeId', 'committee') || '空'}”）`, en: `the workbook names no known committee (metadata: "${metaOf(sub, 'committeeId', 'committee') || 'empty'}")` },
        fix: { zh: '请使用秘书处下发的本专委会计划工作簿重新填报。', en: 'Refill the plan workbook the secretariat sent for the committee.' },
      };
    const token: TokenStatus | '' = refusal ? '' : statusOf(sub.meta, cid, settings.year, catalog, secret);
    if (token === 'forged') refusal = { code: CONSOLIDATE_CODES.refusedForged, ...forgedRefusal(sub.meta, { committeeId: cid, year: settings.year, catalogHash: catalog.hash }, catalog, secret, nameOf) };
    if (refusal) {
      const note = rowsNote(sub);
      const reason = { zh: `${refusal.reason.zh}；${note.zh}。`, en: `${refusal.reason.en}; ${note.en}.` };
      findings.push(fileFinding('error', refusal.code, file, { zh: `文件“${file}”已拒收：${reason.zh}`, en: `File "${file}" refused: ${reason.en}` }, refusal.fix, metaYear || metaHash || null));
      others.push(rosterOf(input, '已拒收', committeeName.has(cid) ? cid : '', reason, sub, o.findings, token));
      continue;
    }
    const times: FileTimes = { fileName: input.fileName, sha256: input.sha256, submittedAt: metaOf(sub, 'submittedAt'), savedAt: input.savedAt ?? '', modifiedAt: input.modifiedAt ?? '' };
    const c: Candidate = { input, submission: sub, findings: o.findings, committeeId: cid, times, token: token as TokenStatus };
    const list = candidates.get(cid) ?? [];
    list.push(c);
    candidates.set(cid, list);
  }

  // Latest per committee wins.
  const winners = new Map<string, Candidate>();
  /** The roster note of each committee's counted file, when it replaced others. */
  const winnerNotes = new Map<string, Message>();
  let candidateFiles = 0;
  for (const [cid, list] of candidates) {
    // A verified file first, whatever the times; among files of one rank, the order of latest.ts.
    list.sort((a, b) => trustRank(b.token) - trustRank(a.token) || newerFirst(a.times, b.times));
    const w = list[0];
    candidateFiles += list.length;
    winners.set(cid, w);
    if (secret) for (const c of list) if (c.token === 'none') findings.push(missingTokenFinding(c.input.fileName, nameOf(cid)));
    if (list.length > 1) winnerNotes.set(cid, rankedWinnerNote(w, list.slice(1)));
    if (list.length > 1 && trustRank(w.token) === 0)
      findings.push(unverifiedChoiceFinding(nameOf(cid), { file: w.input.fileName, status: w.token }, list.slice(1).map((r) => ({ file: r.input.fileName, status: r.token }))));
    for (const r of list.slice(1)) {
      const note = rowsNote(r.submission);
      const outranked = trustRank(r.token) < trustRank(w.token);
      const replaced = outranked ? outrankedNote(w.input.fileName, r.token) : replacedNote(w.times, r.times);
      const why = { zh: `${replaced.zh}；${note.zh}。`, en: `${replaced.en}; ${note.en}.` };
      findings.push(
        fileFinding(outranked ? 'warning' : 'info', CONSOLIDATE_CODES.replaced, r.input.fileName, { zh: `${nameOf(cid)}的文件“${r.input.fileName}”${why.zh}`, en: `${nameOf(cid)}: file "${r.input.fileName}" ${why.en}` }, outranked ? {
          zh: '请核实该文件的来源；如确为该专委会的新版本，请用秘书处下发的（带令牌的）工作簿重新填报。',
          en: 'Check where this file came from; if it is the committee\'s newer version, refill the workbook the secretariat sent (with a token).',
        } : {
          zh: '如需以该文件为准，请对它执行“提交”（加上提交标记）后重新报送。',
          en: 'To count this file instead, stamp it with Submit and send the stamped copy.',
        }),
      );
      others.push(rosterOf(r.input, '被替换', cid, why, r.submission, r.findings, r.token));
    }
  }
  if (!secret && candidateFiles > 0) findings.push(noSecretFinding(candidateFiles));

  // Tasks, budget lines, milestones of the counted submissions, committee order of the catalog.
  const tasks: SummaryTask[] = [];
  const budgetLines: SummaryBudgetLine[] = [];
  const milestones: SummaryMilestone[] = [];
  const roster: RosterEntry[] = [];
  const index = pointIndexOf(catalog);
  const covered = new Map<number, Set<number>>();
  for (const committee of catalog.committees) {
    const w = winners.get(committee.id);
    if (!w) {
      roster.push({ committeeId: committee.id, committee: committee.name, status: '未提交', token: '', fileName: '', sha256: '', size: 0, templateVersion: '', submissionVersion: '', submittedAt: '', savedAt: '', modifiedAt: '', reason: null, basis: null, tasks: 0, budget: 0, errors: 0, warnings: 0 });
      findings.push(
        fileFinding('warning', CONSOLIDATE_CODES.missing, '', { zh: `${committee.name}尚未提交计划工作簿。`, en: `${committee.name} has not submitted its plan workbook.` }, {
          zh: '请催报，或在收到后重新汇总。',
          en: 'Remind the committee, and consolidate again once it arrives.',
        }, committee.name),
      );
      continue;
    }
    const sub = w.submission;
    const errors = w.findings.some((f) => f.severity === 'error');
    roster.push({ ...rosterOf(w.input, errors ? '有错误' : '已提交', committee.id, null, sub, w.findings, w.token), basis: winnerNotes.get(committee.id) ?? null });
    for (const f of w.findings) findings.push(f); // no spread: a file with a million findings overflows the stack
    // Worst severity per row (sheet → row → rank): no key string made per row looked up, none looked up when no finding names a row.
    const worst = new Map<string, Map<number, number>>();
    for (const f of w.findings) {
      if (!f.row) continue;
      let bySheet = worst.get(f.sheet);
      if (!bySheet) worst.set(f.sheet, (bySheet = new Map()));
      const r = SEV_RANK[f.severity];
      if ((bySheet.get(f.row) ?? 0) < r) bySheet.set(f.row, r);
    }
    const rowRank = worst.size ? (s: { sheet: string; row: number }) => worst.get(s.sheet)?.get(s.row) ?? 0 : () => 0;
    const tasksByCode = taskIndexOf(sub.tasks);
    const linesOf = new Map<Task, BudgetLine[]>();
    for (const l of sub.budgetLines) {
      const t = tasksByCode.first(l.taskCode);
      const cidLine = (t && t.committeeId) || committee.id;
      const p = t ? t.point : null;
      const pt = p !== null ? pointByNumber.get(p) : undefined;
      if (t) {
        const list = linesOf.get(t) ?? [];
        list.push(l);
        linesOf.set(t, list);
      }
      budgetLines.push({
        committeeId: cidLine,
        committee: nameOf(cidLine),
        taskCode: l.taskCode,
        point: pt ? pt.number : null,
        section: pt ? pt.section : null,
        taskName: t ? t.name : '',
        linked: !!t,
        expenseCategory: l.expenseCategory,
        fundingSource: l.fundingSource,
        unitPrice: l.unitPrice,
        quantity: l.quantity,
        times: l.times,
        amount: l.amount,
        basis: l.basis,
        file: l.source.file || w.input.fileName,
        sheet: l.source.sheet,
        row: l.source.row,
      });
    }
    const hints = w.input.measures && w.input.measures.length === sub.tasks.length ? w.input.measures : null;
    for (let ti = 0; ti < sub.tasks.length; ti++) {
      const t = sub.tasks[ti];
      const lines = linesOf.get(t) ?? [];
      let rank = rowRank(t.source);
      for (const l of lines) rank = Math.max(rank, rowRank(l.source));
      for (const m of t.milestones) rank = Math.max(rank, rowRank(m.source));
      const status: TaskStatus = t.draft ? '草稿' : rank >= 3 ? '有错误' : rank === 2 ? '有警告' : '通过';
      const cidTask = t.committeeId || committee.id;
      const pt = t.point !== null ? pointByNumber.get(t.point) : undefined;
      const pf = t.fields.point;
      tasks.push({
        key: `${committee.id}|${t.code || '@' + t.source.row}`,
        committeeId: cidTask,
        committee: nameOf(cidTask),
        code: t.code,
        point: pt ? pt.number : null,
        section: pt ? pt.section : null,
        name: t.name,
        content: t.content,
        owner: t.owner,
        partners: t.partners,
        start: t.start,
        end: t.end,
        kpi: t.kpi,
        remarks: t.remarks,
        draft: t.draft,
        budget: round(lines.reduce((s, l) => s + (l.amount ?? 0), 0)),
        lines: lines.length,
        milestones: t.milestones.length,
        status,
        file: t.source.file || w.input.fileName,
        sheet: t.source.sheet,
        row: t.source.row,
        pointRaw: pt ? '' : pf && pf.raw !== null && pf.raw !== undefined ? String(pf.raw instanceof Date ? isoDay(pf.raw) : pf.raw) : '',
      });
      // Coverage of measures: a confirmed task covers the measure of its point it fits best.
      if (!t.draft && pt) {
        let chosen: number | null;
        const hint = hints ? hints[ti] : undefined;
        if (hint !== undefined) chosen = hint;
        else {
          const done = covered.get(pt.number);
          if (done && measureCandidates(pt, cidTask).every((c) => done.has(c.index))) continue; // nothing left to find for this point
          chosen = coveredMeasure(index, pt, cidTask, t);
        }
        if (chosen !== null) {
          const set = covered.get(pt.number) ?? new Set<number>();
          set.add(chosen);
          covered.set(pt.number, set);
        }
      }
    }
    const taskName = (code: string) => tasksByCode.first(code)?.name ?? '';
    const ms = [...sub.tasks.flatMap((t) => t.milestones.map((m) => ({ m, linked: true }))), ...sub.orphanMilestones.map((m) => ({ m, linked: false }))];
    ms.sort((a, b) => a.m.source.row - b.m.source.row);
    for (const { m, linked } of ms) {
      const t = linked ? tasksByCode.first(m.taskCode) : undefined;
      const cidM = (t && t.committeeId) || committee.id;
      milestones.push({
        committeeId: cidM,
        committee: nameOf(cidM),
        taskCode: m.taskCode,
        taskName: taskName(m.taskCode),
        date: m.date,
        deliverableType: m.deliverableType,
        deliverable: m.deliverable,
        linked,
        file: m.source.file || w.input.fileName,
        sheet: m.source.sheet,
        row: m.source.row,
      });
    }
  }
  // Files that do not count, in canonical order.
  others.sort((a, b) => (a.fileName !== b.fileName ? (a.fileName < b.fileName ? -1 : 1) : a.sha256 < b.sha256 ? -1 : a.sha256 > b.sha256 ? 1 : 0));
  roster.push(...others);

  // Totals by point and section.
  const byPoint: PointTotal[] = catalog.points.map((p) => ({
    point: p.number,
    section: p.section,
    // Titles for people: the region placeholder of the plan text filled in (e.g. 智汇{{region}} → 智汇江苏).
    title: fillRegion(p.title, settings.region),
    committees: p.committeeIds.map(nameOf),
    tasks: 0,
    drafts: 0,
    budget: 0,
    uncoveredMeasures: [],
  }));
  const pointTotal = new Map(byPoint.map((p) => [p.point, p]));
  for (const t of tasks) {
    const pt = t.point !== null ? pointTotal.get(t.point) : undefined;
    if (!pt) continue;
    if (t.draft) pt.drafts++;
    else pt.tasks++;
  }
  for (const l of budgetLines) {
    const pt = l.point !== null ? pointTotal.get(l.point) : undefined;
    if (pt && l.amount !== null) pt.budget += l.amount;
  }
  const coverageMeasures: SummaryModel['coverage']['measures'] = [];
  for (const pt of byPoint) {
    pt.budget = round(pt.budget);
    const p = pointByNumber.get(pt.point)!;
    const set = covered.get(pt.point) ?? new Set<number>();
    for (const m of p.measures)
      if (!set.has(m.index)) {
        pt.uncoveredMeasures.push(m.index);
        coverageMeasures.push({ point: p.number, measure: m.index, text: m.text, committeeId: m.committeeId });
      }
  }
  const bySection: SectionTotal[] = catalog.sections.map((s) => {
    const pts = byPoint.filter((p) => p.section === s.number);
    return { section: s.number, numeral: s.numeral, title: fillRegion(s.title, settings.region), points: pts.map((p) => p.point), tasks: pts.reduce((n, p) => n + p.tasks, 0), budget: round(pts.reduce((n, p) => n + p.budget, 0)) };
  });

  // By committee.
  const perCommittee = new Map<string, { n: number; d: number; b: number }>();
  const acc = (id: string) => {
    let x = perCommittee.get(id);
    if (!x) perCommittee.set(id, (x = { n: 0, d: 0, b: 0 }));
    return x;
  };
  for (const t of tasks) {
    if (t.draft) acc(t.committeeId).d++;
    else acc(t.committeeId).n++;
  }
  for (const l of budgetLines) if (l.amount !== null) acc(l.committeeId).b += l.amount;
  const rosterOfCommittee = new Map(roster.filter((x) => x.status === '已提交' || x.status === '有错误' || x.status === '未提交').map((x) => [x.committeeId, x]));
  const byCommittee: CommitteeTotal[] = catalog.committees.map((c) => {
    const r = rosterOfCommittee.get(c.id)!;
    const { n, d } = acc(c.id);
    const b = round(acc(c.id).b);
    const ceiling = settings.ceilings[c.id];
    const has = ceiling !== undefined && ceiling !== null && Number.isFinite(ceiling);
    return { committeeId: c.id, committee: c.name, status: r.status, tasks: n, drafts: d, budget: b, ceiling: has ? ceiling : null, balance: has ? round(ceiling - b) : null, over: has ? b > ceiling + 0.5 * 10 ** -settings.amountDecimals : false };
  });

  // Expense category × committee, funding source × committee.
  const cross = (pick: (l: SummaryBudgetLine) => string, known: string[]): CrossTable => {
    const amounts: Record<string, Record<string, number>> = {};
    const rows = [...known];
    const isKnown = new Set(known);
    const extra = new Set<string>();
    // Summed in maps (a record of some hundred committees per row is slow to update), then put into
    // the records in the order the keys came: the same sums, the same key order.
    const sums = new Map<string, Map<string, number>>();
    for (const l of budgetLines) {
      if (l.amount === null) continue;
      const k = pick(l) || '（未填）';
      let row = sums.get(k);
      if (!row) {
        if (!isKnown.has(k)) extra.add(k);
        sums.set(k, (row = new Map()));
      }
      row.set(l.committeeId, (row.get(l.committeeId) ?? 0) + l.amount);
    }
    for (const [k, row] of sums) {
      const rec = (amounts[k] ??= {});
      for (const [id, v] of row) rec[id] = v;
    }
    rows.push(...[...extra].sort());
    for (const r of rows) {
      const row = (amounts[r] ??= {});
      for (const k of Object.keys(row)) row[k] = round(row[k]);
    }
    return { rows, amounts };
  };
  const byCategory = cross((l) => l.expenseCategory, settings.expenseCategories);
  const bySource = cross((l) => l.fundingSource, settings.fundingSources);

  // Timeline: confirmed and draft tasks with dates; milestones.
  const timeline: TimelineItem[] = [];
  for (const t of tasks)
    timeline.push({ kind: 'task', committee: t.committee, code: t.code, name: t.name, start: t.start, end: t.end, months: monthsBetween(settings.year, t.start, t.end) });
  for (const m of milestones)
    timeline.push({ kind: 'milestone', committee: m.committee, code: m.taskCode, name: m.deliverable || m.taskName, start: m.date, end: m.date, months: monthsBetween(settings.year, m.date, m.date) });

  const all = sortFindings(findings);
  const changes = options.previous ? diffPrevious(options.previous, tasks, byPoint, byCommittee, nameOf) : null;
  const counted = roster.filter((r) => r.status === '已提交' || r.status === '有错误');
  return {
    organisation: settings.organisation,
    region: settings.region,
    year: settings.year,
    unit: settings.budgetUnit,
    catalogHash: catalog.hash,
    generatedAt,
    roster,
    tasks,
    budgetLines,
    milestones,
    byPoint,
    bySection,
    byCommittee,
    byCategory,
    bySource,
    coverage: { points: byPoint.filter((p) => p.tasks === 0).map((p) => p.point), measures: coverageMeasures },
    timeline,
    keyDates: resolveKeyDates(catalog.keyDateRules, settings.year),
    findings: all,
    changes,
    totals: {
      files: inputs.length,
      accepted: counted.length,
      refused: roster.filter((r) => r.status === '已拒收').length,
      replaced: roster.filter((r) => r.status === '被替换').length,
      missing: roster.filter((r) => r.status === '未提交').length,
      tasks: tasks.filter((t) => !t.draft).length,
      drafts: tasks.filter((t) => t.draft).length,
      budgetLines: budgetLines.length,
      budget: round(budgetLines.reduce((s, l) => s + (l.amount ?? 0), 0)),
      errors: all.filter((f) => f.severity === 'error').length,
      warnings: all.filter((f) => f.severity === 'warning').length,
      infos: all.filter((f) => f.severity === 'info').length,
    },
  };
}

/** Tasks added, removed and changed (by committee + task code); budget delta per point and committee. */
export function diffPrevious(
  previous: PreviousSummary,
  tasks: SummaryTask[],
  byPoint: PointTotal[],
  byCommittee: CommitteeTotal[],
  nameOf: (id: string) => string,
): Changes {
  const before = new Map(previous.tasks.map((t) => [t.key, t]));
  const now = new Map<string, SummaryTask>();
  for (const t of tasks) if (!t.draft && !now.has(t.key)) now.set(t.key, t);
  const out: TaskChange[] = [];
  const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
  for (const [key, t] of now) {
    const p = before.get(key);
    const base = { key, committeeId: t.committeeId, committee: t.committee, code: t.code, name: t.name, budgetAfter: t.budget };
    if (!p) {
      out.push({ kind: 'added', ...base, fields: {}, budgetBefore: 0 });
      continue;
    }
    const fields: Record<string, [string, string]> = {};
    const cmp: [string, unknown, unknown][] = [
      ['point', p.point, t.point],
      ['name', p.name, t.name],
      ['owner', p.owner, t.owner],
      ['start', p.start, t.start],
      ['end', p.end, t.end],
      ['budget', round(p.budget), t.budget],
    ];
    for (const [k, a, b] of cmp) if (str(a) !== str(b)) fields[k] = [str(a), str(b)];
    if (Object.keys(fields).length) out.push({ kind: 'changed', ...base, fields, budgetBefore: p.budget });
  }
  for (const [key, p] of before)
    if (!now.has(key)) out.push({ kind: 'removed', key, committeeId: p.committeeId, committee: nameOf(p.committeeId), code: p.code, name: p.name, fields: {}, budgetBefore: p.budget, budgetAfter: 0 });
  const order = { added: 0, changed: 1, removed: 2 };
  out.sort((a, b) => order[a.kind] - order[b.kind] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    previousGeneratedAt: previous.generatedAt,
    tasks: out,
    byPoint: byPoint.map((p) => {
      const b = previous.budgetByPoint[String(p.point)] ?? 0;
      return { point: p.point, before: b, after: p.budget, delta: round(p.budget - b) };
    }),
    byCommittee: byCommittee.map((c) => {
      const b = previous.budgetByCommittee[c.committeeId] ?? 0;
      return { committeeId: c.committeeId, committee: c.committee, before: b, after: c.budget, delta: round(c.budget - b) };
    }),
  };
}

/** What a summary remembers for the next one (written to its hidden _summary sheet). */
export function previousOf(model: SummaryModel): PreviousSummary {
  const seen = new Set<string>();
  const tasks = [];
  for (const t of model.tasks) {
    if (t.draft || seen.has(t.key)) continue;
    seen.add(t.key);
    tasks.push({ key: t.key, committeeId: t.committeeId, code: t.code, point: t.point, name: t.name, owner: t.owner, start: t.start, end: t.end, budget: t.budget });
  }
  return {
    generatedAt: model.generatedAt,
    year: model.year,
    tasks,
    budgetByPoint: Object.fromEntries(model.byPoint.map((p) => [String(p.point), p.budget])),
    budgetByCommittee: Object.fromEntries(model.byCommittee.map((c) => [c.committeeId, c.budget])),
  };
}

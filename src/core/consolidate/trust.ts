/**
 * Which files consolidation can trust to be the committee's own (issue 14), from the committee token
 * of core/plan/token.ts. Pure; consolidate (./index.ts) asks:
 *
 * - forgedRefusal: with a secret set, a token that does not match the committee the workbook claims
 *   (nor its year and catalog) refuses the file as forged (已拒收), naming that committee, and the
 *   committee whose token it really is when it is another's;
 * - trustRank: among a committee's files, a verified one always comes before one that cannot be
 *   verified (no token, or no secret): the order of latest.ts decides only between files of one rank,
 *   so a file without a valid token never replaces one with;
 * - the warnings: no secret set (nothing can be verified), a file without a token while a secret is
 *   set (a workbook generated before tokens), and a committee whose counted file was chosen among
 *   several files none of which could be verified.
 */
import type { Catalog } from '../catalog/types';
import { secretOf, TOKEN_LABEL, tokenOwner, tokenStatus, type TokenClaim, type TokenStatus } from '../plan/token';
import type { Finding, Message } from '../validate/types';

export const TRUST_CODES = {
  refusedForged: 'consolidate.refused.forged',
  noSecret: 'consolidate.token.noSecret',
  missing: 'consolidate.token.missing',
  unverifiedChoice: 'consolidate.token.unverifiedChoice',
} as const;

const finding = (severity: Finding['severity'], code: string, file: string, message: Message, fix: Message | null, raw: unknown = null): Finding => ({
  severity, code, message, file, sheet: '', row: 0, column: '', columnKey: '', raw, fix,
});

/** The token status of a submission that claims committee `committeeId` for this consolidation's year and catalog. */
export function statusOf(meta: Record<string, string> | undefined, committeeId: string, year: number, catalog: Catalog, secret: string | undefined): TokenStatus {
  return tokenStatus(meta, { committeeId, year, catalogHash: catalog.hash }, secret);
}

/** 1 for a verified file, 0 for one that cannot be verified: a higher rank always counts first. */
export const trustRank = (s: TokenStatus): number => (s === 'verified' ? 1 : 0);

/** Why a forged file is refused: the committee it claims, and whose token it carries when it is another committee's. */
export function forgedRefusal(meta: Record<string, string> | undefined, claim: TokenClaim, catalog: Catalog, secret: string, nameOf: (id: string) => string): { reason: Message; fix: Message } {
  const owner = tokenOwner(meta, claim, secret, catalog.committees.map((c) => c.id));
  const claimed = `${nameOf(claim.committeeId)}（${claim.committeeId}）`;
  const whose = owner
    ? { zh: `，而令牌属于${nameOf(owner)}（${owner}）`, en: `; the token is ${nameOf(owner)}'s (${owner})` }
    : { zh: `（令牌不是秘书处为该专委会、${claim.year} 年和本版工作要点生成的）`, en: ` (the token is not the one the secretariat made for it, for ${claim.year} and this plan outline)` };
  return {
    reason: {
      zh: `疑似伪造：该工作簿自称属于${claimed}，但其令牌与之不符${whose.zh}`,
      en: `looks forged: the workbook claims to be ${nameOf(claim.committeeId)}'s (${claim.committeeId}) but its token does not match${whose.en}`,
    },
    fix: {
      zh: '请核实该文件的来源；如确为秘书处下发给该专委会的工作簿，请确认汇总所用的密钥与生成工作簿时相同。',
      en: 'Check where this file came from; if the secretariat did send it to that committee, check that consolidation uses the secret the workbooks were generated with.',
    },
  };
}

/** A file of a committee with no token while a secret is set: counted, flagged. */
export function missingTokenFinding(file: string, committee: string): Finding {
  return finding('warning', TRUST_CODES.missing, file, {
    zh: `文件“${file}”没有令牌（旧模板，或生成时未设置秘书处密钥），无法确认它确由${committee}报送；已汇总，但不能替换有有效令牌的文件。`,
    en: `File "${file}" has no token (an older template, or made without the secretariat's secret): it cannot be confirmed as ${committee}'s; it is consolidated but never replaces a file with a valid token.`,
  }, {
    zh: `请向${committee}核实；今后请用秘书处新生成的（带令牌的）工作簿填报。`,
    en: `Check with ${committee}; from now on use a newly generated workbook (with a token).`,
  });
}

/** With no secret set: one warning for the run, how many files could not be verified. */
export function noSecretFinding(files: number): Finding {
  return finding('warning', TRUST_CODES.noSecret, '', {
    zh: `未设置密钥：${files} 个文件的令牌均未验证，无法发现冒用其他专委会名义的文件。`,
    en: `No secret is set: the tokens of ${files} files were not verified, so a file made out in another committee's name cannot be told apart.`,
  }, {
    zh: '在秘书处的设置中配置生成工作簿时所用的密钥后重新汇总。',
    en: 'Set the secret the workbooks were generated with in the secretariat settings, and consolidate again.',
  });
}

/** A committee's counted file chosen, by time, among several of which none could be verified. */
export function unverifiedChoiceFinding(committee: string, winner: { file: string; status: TokenStatus }, others: { file: string; status: TokenStatus }[]): Finding {
  const list = (lang: 'zh' | 'en') => [winner, ...others].map((f) => (lang === 'zh' ? `“${f.file}”（${TOKEN_LABEL[f.status].zh}）` : `"${f.file}" (${TOKEN_LABEL[f.status].en})`));
  return finding('warning', TRUST_CODES.unverifiedChoice, winner.file, {
    zh: `${committee}有 ${others.length + 1} 个文件都无法验证令牌：${list('zh').join('、')}；按时间以“${winner.file}”为准，其余列为被替换，请核实哪一份确由该专委会报送。`,
    en: `${committee} has ${others.length + 1} files none of which could be verified: ${list('en').join(', ')}; by time "${winner.file}" counts and the others are listed as replaced: check which one the committee sent.`,
  }, {
    zh: '向该专委会核实；设置密钥并使用带令牌的工作簿后，只有令牌有效的文件才会被采用。',
    en: 'Check with the committee; with a secret set and workbooks with tokens, only a file with a valid token counts.',
  });
}

/** The replaced note's addition when a file lost because another one had a valid token. */
export function outrankedNote(winnerFile: string, status: TokenStatus): Message {
  return {
    zh: `已被令牌有效的文件“${winnerFile}”替换（本文件${TOKEN_LABEL[status].zh}，不能替换已验证的文件）`,
    en: `replaced by "${winnerFile}", whose token is valid (this file: ${TOKEN_LABEL[status].en}; it cannot replace a verified file)`,
  };
}

export { secretOf };

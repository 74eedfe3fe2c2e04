/**
 * The committee token of a generated workbook (issue 14: submissions cannot be forged silently).
 *
 * The secretariat's settings hold a secret that never leaves them (CLI: a 0600 file, see
 * docs/CLI.md; page and add-in: their settings storage). Each committee workbook carries in `_meta`
 *
 *     token = "v1." + HMAC-SHA256(secret, "plan-budget committee token v1\n" + committeeId + "\n" + year + "\n" + catalogHash)
 *
 * so a committee cannot make a workbook that passes for another committee's, for another year or
 * another plan outline, without the secret: changing `committeeId` (or `year`, `catalogHash`) in
 * `_meta` breaks the token. What the token does not do: tell two copies of one committee's workbook
 * apart (the committee owns its workbook and may send it again), or keep a committee from sending its
 * own workbook with the token removed (a file without a token never beats one with a valid token).
 *
 * Pure: the HMAC is core/util/hmac.
 */
import { hmacSha256, sameText } from '../util/hmac';
import type { Message } from '../validate/types';

/** The _meta key of the token. */
export const TOKEN_META_KEY = 'token';
const PREFIX = 'v1.';
const DOMAIN = 'plan-budget committee token v1';

/** What a token vouches for. */
export interface TokenClaim {
  committeeId: string;
  year: number;
  catalogHash: string;
}

/** A secret as the settings hold it: trimmed text, "" when none is set. */
export const secretOf = (s: string | null | undefined): string => (typeof s === 'string' ? s.trim() : '');

/** The token of a committee's workbook ("v1." + 64 hex digits). */
export function committeeToken(secret: string, claim: TokenClaim): string {
  const key = secretOf(secret);
  if (!key) throw new Error('committeeToken: no secret');
  return PREFIX + hmacSha256(key, `${DOMAIN}\n${claim.committeeId}\n${claim.year}\n${claim.catalogHash}`);
}

/**
 * Token status of a submission:
 * - verified: the token is the one the secret gives for the claim;
 * - forged: a secret is set and the token is not that one (another committee's, another year's, made up);
 * - unverified: a token, but no secret to check it with;
 * - none: no token (a workbook generated before tokens, or one whose token was removed).
 */
export type TokenStatus = 'verified' | 'forged' | 'unverified' | 'none';

/** The token written in a workbook's metadata, or "". */
export const tokenOf = (meta: Record<string, string> | undefined): string => String(meta?.[TOKEN_META_KEY] ?? '').trim();

export function tokenStatus(meta: Record<string, string> | undefined, claim: TokenClaim, secret: string | null | undefined): TokenStatus {
  const token = tokenOf(meta);
  if (!token) return 'none';
  const key = secretOf(secret);
  if (!key) return 'unverified';
  return sameText(token.toLowerCase(), committeeToken(key, claim)) ? 'verified' : 'forged';
}

/**
 * For a forged token: the committee whose token it really is (another committee's workbook with its
 * `_meta` changed), among `committeeIds`, for the same year and catalog; else null.
 */
export function tokenOwner(meta: Record<string, string> | undefined, claim: TokenClaim, secret: string, committeeIds: string[]): string | null {
  const token = tokenOf(meta).toLowerCase();
  if (!token || !secretOf(secret)) return null;
  for (const id of committeeIds) if (id !== claim.committeeId && sameText(token, committeeToken(secret, { ...claim, committeeId: id }))) return id;
  return null;
}

/** The roster's words for a token status (报送情况, column 令牌). */
export const TOKEN_LABEL: Record<TokenStatus, Message> = {
  verified: { zh: '已验证', en: 'verified' },
  forged: { zh: '令牌不符', en: 'token does not match' },
  unverified: { zh: '未验证（未设置密钥）', en: 'not verified (no secret set)' },
  none: { zh: '无令牌', en: 'no token' },
};

/**
 * The secretariat's secret on the page and in the add-in (issue 14; core/plan/token.ts): kept in this
 * browser's localStorage under its own key, apart from the settings (it is never part of a workbook,
 * a download or the Settings object). The secretariat sets it (or has one made) under 设置; 新建工作簿
 * writes the committee token with it when this machine has one, and 汇总 checks the tokens with it.
 * A clerk's machine has none: its workbooks carry no token (an older template's status).
 */
const KEY = 'plan-budget.secret.v1';

/** The secret kept on this machine, or "". */
export function loadSecret(): string {
  try {
    return (globalThis.localStorage?.getItem(KEY) ?? '').trim();
  } catch {
    return '';
  }
}

/** Keep (or, for "", forget) the secret on this machine. */
export function saveSecret(secret: string): void {
  try {
    if (secret.trim()) globalThis.localStorage?.setItem(KEY, secret.trim());
    else globalThis.localStorage?.removeItem(KEY);
  } catch {
    /* private mode or quota: the secret is not kept */
  }
}

/** A new secret: 32 random bytes (Web Crypto) as hex. */
export function newSecret(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

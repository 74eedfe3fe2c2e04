/**
 * The secretariat's secret for the CLI (issue 14; core/plan/token.ts): the key of the committee tokens
 * that `generate` writes into each workbook's _meta and `consolidate` checks.
 *
 * Where it comes from, the first that applies (docs/CLI.md):
 *  1. `secret:` in the settings file (the text itself);
 *  2. `secretFile:` in the settings file (a path, relative to the settings file);
 *  3. the per-user file `<config>/plan-budget/secret`, where <config> is $PLAN_BUDGET_CONFIG_DIR
 *     (then the file is `$PLAN_BUDGET_CONFIG_DIR/secret`), else $XDG_CONFIG_HOME, else %APPDATA% on
 *     Windows, else ~/.config.
 * `generate` creates the file on first use (2 or 3): 32 random bytes as hex, the folder made with
 * mode 0700, the file with 0600, exclusively (never over an existing file or link), and says once
 * where it is. `consolidate` never creates one: without a secret it checks no token (and the
 * summary says so); a `secretFile` that is named but missing is an error.
 */
import { randomBytes } from 'crypto';
import { chmodSync, closeSync, fstatSync, lstatSync, mkdirSync, openSync, readSync, writeSync, constants } from 'fs';
import { homedir } from 'os';
import { dirname, join } from 'path';

/** A secret file holds one line; anything longer is not one. */
export const MAX_SECRET_BYTES = 4096;
/** Fewer characters than this is too weak a key to stand for the secretariat. */
export const MIN_SECRET_CHARS = 16;

export class SecretError extends Error {
  constructor(public readonly kind: 'missing' | 'notFile' | 'tooLarge' | 'tooShort', public readonly path: string) {
    super(`${kind}: ${path}`);
  }
}

/** The per-user secret file (3 above). */
export function defaultSecretFile(env: Record<string, string | undefined> = process.env, platform: string = process.platform): string {
  if (env.PLAN_BUDGET_CONFIG_DIR) return join(env.PLAN_BUDGET_CONFIG_DIR, 'secret');
  const base = env.XDG_CONFIG_HOME || (platform === 'win32' && env.APPDATA) || join(env.HOME || homedir(), '.config');
  return join(base, 'plan-budget', 'secret');
}

/** Check a secret's text: trimmed, at least MIN_SECRET_CHARS characters. */
export function checkSecretText(text: string, path: string): string {
  const s = text.trim();
  if (s.length < MIN_SECRET_CHARS) throw new SecretError('tooShort', path);
  return s;
}

/** Read a secret file, or null when there is none. A link is followed; the target must be a regular file of at most MAX_SECRET_BYTES. */
export function readSecretFile(path: string): string | null {
  let fd: number;
  try {
    lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null; // a dangling link: no secret yet
    throw e;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new SecretError('notFile', path);
    if (st.size > MAX_SECRET_BYTES) throw new SecretError('tooLarge', path);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n <= 0) break;
      got += n;
    }
    return checkSecretText(buf.subarray(0, got).toString('utf8'), path);
  } finally {
    closeSync(fd);
  }
}

/** Create a new secret file (mode 0600, folder 0700), exclusively; when another run made it first, read that one. */
export function createSecretFile(path: string): string {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      const other = readSecretFile(path);
      if (other) return other;
    }
    throw e;
  }
  try {
    writeSync(fd, secret + '\n');
  } finally {
    closeSync(fd);
  }
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  return secret;
}

/** Whether others than the owner may read the file (POSIX mode bits); false where there are none. */
export function readableByOthers(path: string): boolean {
  if (process.platform === 'win32') return false;
  try {
    return (lstatSync(path).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}

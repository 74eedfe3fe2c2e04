/** What every command gets: language, output streams, the catalog and settings (from files). */
import { InputFileError, inputErrorText, readInputText } from './files';
import { dirname, isAbsolute, resolve } from 'path';
import { AssignError, defaultCatalog, withPointCommittees } from '../core/catalog';
import { parseCatalog } from '../core/catalog/parse';
import type { Catalog } from '../core/catalog/types';
import type { Settings } from '../core/plan/types';
import { tr } from '../i18n/cli';
import type { CliMessageKey, Lang, Msg } from '../i18n/cli';
import { progressBar } from './progress';
import type { Progress } from './progress';
import { parseSettingsText, settingsFrom, SettingsError } from './settingsFile';
import type { SettingsFile } from './settingsFile';
import { checkSecretText, createSecretFile, defaultSecretFile, readableByOthers, readSecretFile, SecretError } from './secret';

/** The secretariat's secret and where it came from (file null: the settings file's `secret`). */
export interface CliSecret {
  secret: string;
  file: string | null;
  /** True when this run made the file. */
  created: boolean;
}

export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  cwd: string;
  /** Environment (default process.env): where the per-user secret file is (src/cli/secret.ts). */
  env?: Record<string, string | undefined>;
}

export class CliError extends Error {
  constructor(message: string, public readonly exitCode = 2) {
    super(message);
  }
}

export class CliContext {
  private settingsFile: SettingsFile | null = null;
  private catalogCache: Catalog | null = null;
  constructor(
    public readonly lang: Lang,
    public readonly io: CliIO,
    public readonly settingsPath: string | undefined,
    public readonly catalogPath: string | undefined,
  ) {}

  t(key: CliMessageKey | Msg, params: Record<string, unknown> = {}): string {
    return tr(this.lang, key, params);
  }
  out(s = ''): void {
    this.io.stdout.write(s + '\n');
  }
  err(s: string): void {
    this.io.stderr.write(s + '\n');
  }
  path(p: string): string {
    return isAbsolute(p) ? p : resolve(this.io.cwd, p);
  }
  progress(total: number, title: string): Progress {
    return progressBar(this.io.stderr as never, total, title);
  }

  private readSettingsFile(): SettingsFile {
    if (this.settingsFile) return this.settingsFile;
    if (!this.settingsPath) return (this.settingsFile = {});
    const file = this.path(this.settingsPath);
    let text: string;
    try {
      text = readInputText(file, 1024 * 1024);
    } catch (e) {
      throw new CliError(this.t('settingsRead', { file: this.settingsPath, error: e instanceof InputFileError ? inputErrorText(e)[this.lang] : (e as Error).message }));
    }
    try {
      this.settingsFile = parseSettingsText(text);
    } catch (e) {
      throw new CliError(this.t('settingsInvalid', { file: this.settingsPath, error: (e as Error).message }));
    }
    if (this.settingsFile.secretFile && !isAbsolute(this.settingsFile.secretFile)) this.settingsFile.secretFile = resolve(dirname(file), this.settingsFile.secretFile);
    if (this.settingsFile.catalog && !isAbsolute(this.settingsFile.catalog)) this.settingsFile.catalog = resolve(dirname(file), this.settingsFile.catalog);
    return this.settingsFile;
  }

  /** The catalog: --catalog, else the settings file's catalog, else the built-in 2023 outline. */
  catalog(): Catalog {
    if (this.catalogCache) return this.catalogCache;
    const p = this.catalogPath ? this.path(this.catalogPath) : this.readSettingsFile().catalog;
    const loaded = p ? loadCatalogFile(p, this) : defaultCatalog();
    // 要点负责专委会 from the settings file: committees for points the outline names no unit for.
    try {
      this.catalogCache = withPointCommittees(loaded, this.readSettingsFile().pointCommittees);
    } catch (e) {
      if (e instanceof AssignError) throw new CliError(this.t('settingsInvalid', { file: this.settingsPath ?? '', error: this.lang === 'zh' ? e.zh : e.en }));
      throw e;
    }
    return this.catalogCache;
  }

  /**
   * The secretariat's secret (src/cli/secret.ts): the settings file's `secret`, else the file it names
   * (`secretFile`), else the per-user file. `create`: make the file when there is none (generate);
   * otherwise null when there is none, and an error when a named `secretFile` is missing.
   */
  secret(create: boolean): CliSecret | null {
    const sf = this.readSettingsFile();
    if (sf.secret) return { secret: sf.secret, file: null, created: false };
    const file = sf.secretFile ?? defaultSecretFile(this.io.env ?? process.env);
    let secret: string | null;
    try {
      secret = readSecretFile(file);
      if (secret === null && create) return { secret: createSecretFile(file), file, created: true };
    } catch (e) {
      if (e instanceof SecretError) throw new CliError(this.t(`secret_${e.kind}` as CliMessageKey, { file }));
      throw e;
    }
    if (secret === null) {
      if (sf.secretFile) throw new CliError(this.t('secret_missing', { file }));
      return null;
    }
    if (readableByOthers(file)) this.err(this.t('secretReadableByOthers', { file }));
    return { secret: checkSecretText(secret, file), file, created: false };
  }

  settings(): Settings {
    const catalog = this.catalog();
    try {
      return settingsFrom(this.readSettingsFile(), catalog);
    } catch (e) {
      if (e instanceof SettingsError) throw new CliError(this.t('settingsInvalid', { file: this.settingsPath ?? '', error: this.lang === 'en' ? e.en : e.message }));
      throw e;
    }
  }
}

/** A catalog file: JSON (as written by `catalog import -o`) or a plan outline text. */
export function loadCatalogFile(file: string, ctx: CliContext): Catalog {
  let text: string;
  try {
    text = readInputText(file).replace(/^\ufeff/, '');
  } catch (e) {
    throw new CliError(ctx.t('catalogRead', { file, error: e instanceof InputFileError ? inputErrorText(e)[ctx.lang] : (e as Error).message }));
  }
  if (/\.json$/i.test(file) || text.trimStart().startsWith('{')) {
    try {
      const c = JSON.parse(text) as Catalog;
      if (!Array.isArray(c.points) || !Array.isArray(c.committees)) throw new Error('not a catalog');
      return c;
    } catch (e) {
      throw new CliError(ctx.t('catalogRead', { file, error: (e as Error).message }));
    }
  }
  return parseCatalog(text);
}

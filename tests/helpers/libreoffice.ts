/**
 * LibreOffice headless for tests: open, recalculate and re-save many files in ONE soffice call,
 * each call with its own profile directory (safe in parallel jest workers).
 *
 *   const out = await libreofficeConvert(['/tmp/a.xlsx', '/tmp/b.xlsx'], { outDir: '/tmp/lo-out' });
 *   // out[i] is the re-saved, recalculated copy of files[i] (cached values written by LibreOffice)
 */
import { execFile } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, extname, join } from 'path';

export const SOFFICE = process.env.SOFFICE ?? 'soffice';

export function hasLibreOffice(): boolean {
  for (const dir of (process.env.PATH ?? '').split(':')) if (existsSync(join(dir, SOFFICE))) return true;
  return existsSync(SOFFICE);
}

/** A fresh profile that recalculates every formula on load (OOXML and ODF), never asks. */
function makeProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  const user = join(dir, 'user');
  mkdirSync(user, { recursive: true });
  const item = (path: string, prop: string, value: string) =>
    `<item oor:path="${path}"><prop oor:name="${prop}" oor:op="fuse"><value>${value}</value></prop></item>`;
  writeFileSync(
    join(user, 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n` +
      item('/org.openoffice.Office.Calc/Formula/Load', 'OOXMLRecalcMode', '0') +
      item('/org.openoffice.Office.Calc/Formula/Load', 'ODFRecalcMode', '0') +
      `\n</oor:items>\n`,
  );
  return dir;
}

export interface ConvertOptions {
  outDir: string;
  /** Target filter, default "xlsx" (Calc MS Excel 2007 XML). */
  to?: string;
  timeoutMs?: number;
}

/** Convert (re-save + recalculate) files in one soffice run. Returns the output paths in input order. */
export function libreofficeConvert(files: string[], opts: ConvertOptions): Promise<string[]> {
  mkdirSync(opts.outDir, { recursive: true });
  const profile = makeProfile();
  const to = opts.to ?? 'xlsx';
  const ext = to.split(':')[0];
  const args = [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', to, '--outdir', opts.outDir, ...files];
  return new Promise((resolve, reject) => {
    execFile(SOFFICE, args, { timeout: opts.timeoutMs ?? 180_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      rmSync(profile, { recursive: true, force: true });
      const outs = files.map((f) => join(opts.outDir, basename(f, extname(f)) + '.' + ext));
      const missing = outs.filter((o) => !existsSync(o));
      if (err && missing.length) return reject(new Error(`soffice failed: ${err.message}\n${stdout}\n${stderr}`));
      if (missing.length) return reject(new Error(`soffice did not write: ${missing.join(', ')}\n${stdout}\n${stderr}`));
      resolve(outs);
    });
  });
}

/**
 * A file-system error the CLI meets while reading or writing a path the user gave (missing folder,
 * a path under a file, a folder given as a file, no permission, disk full) becomes one clear line
 * naming the path, and exit code 2: never a Node stack trace.
 */
import { tr } from '../i18n/cli';
import type { Lang, Msg } from '../i18n/cli';

const m = (zh: string, en: string): Msg => ({ zh, en });

const BY_CODE: Record<string, Msg> = {
  ENOENT: m('找不到文件或文件夹：{path}（请检查路径，输出文件夹须已存在）', 'No such file or folder: {path} (check the path; an output folder must exist)'),
  ENOTDIR: m('路径中有一段不是文件夹：{path}', 'A part of the path is not a folder: {path}'),
  EISDIR: m('这是一个文件夹，不是文件：{path}（请给出文件名）', 'This is a folder, not a file: {path} (give a file name)'),
  EACCES: m('没有权限读写：{path}', 'Permission denied: {path}'),
  EPERM: m('没有权限读写：{path}', 'Operation not permitted: {path}'),
  EROFS: m('只读位置，无法写入：{path}', 'Read-only location, cannot write: {path}'),
  ENOSPC: m('磁盘已满，无法写入：{path}', 'Disk full, cannot write: {path}'),
  EDQUOT: m('磁盘配额已满，无法写入：{path}', 'Disk quota exceeded, cannot write: {path}'),
  EEXIST: m('文件已存在：{path}', 'File exists: {path}'),
  ENAMETOOLONG: m('路径过长：{path}', 'Path too long: {path}'),
  ELOOP: m('路径中的链接形成循环：{path}', 'Too many levels of links in: {path}'),
  EMFILE: m('同时打开的文件过多：{path}', 'Too many open files: {path}'),
};

const GENERIC = m('文件操作失败（{code}）：{path}', 'File operation failed ({code}): {path}');

/** The one-line message for a Node file-system error, or null when it is not one. */
export function fsErrorMessage(e: unknown, lang: Lang): string | null {
  if (!e || typeof e !== 'object') return null;
  const err = e as NodeJS.ErrnoException;
  if (typeof err.code !== 'string' || !/^E[A-Z]+$/.test(err.code)) return null;
  if (typeof err.syscall !== 'string' && typeof err.path !== 'string') return null;
  const path = (err as { dest?: string }).dest ?? err.path ?? '';
  return tr(lang, BY_CODE[err.code] ?? GENERIC, { path: path || '?', code: err.code });
}

/** An output path that cannot be written is one clear line and exit 2, never a stack trace. */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';
import { fsErrorMessage } from '../../src/cli/fsErrors';

const dir = mkdtempSync(join(tmpdir(), 'pb-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s), isTTY: false, columns: 100 }, cwd: dir });
  return { code, stdout, stderr };
}

test('generate -o under a file: one line naming the path, exit 2', async () => {
  writeFileSync(join(dir, 'afile'), 'x');
  const r = await run(['generate', '--all', '-o', join(dir, 'afile', 'sub')]);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain('路径中有一段不是文件夹');
  expect(r.stderr).toContain(join(dir, 'afile', 'sub'));
  expect(r.stderr).not.toMatch(/\bat \S+ \(/);
});

test('fsErrorMessage: zh and en per code; not a file-system error gives null', () => {
  const e = Object.assign(new Error('x'), { code: 'EISDIR', syscall: 'open', path: '/tmp/out' });
  expect(fsErrorMessage(e, 'zh')).toBe('这是一个文件夹，不是文件：/tmp/out（请给出文件名）');
  expect(fsErrorMessage(e, 'en')).toContain('This is a folder, not a file: /tmp/out');
  expect(fsErrorMessage(new Error('plain'), 'zh')).toBeNull();
  expect(fsErrorMessage(Object.assign(new Error('x'), { code: 'ENOSPC', syscall: 'write', path: '/d/f' }), 'zh')).toBe('磁盘已满，无法写入：/d/f');
});

/** src/hosts/xlsx and the pure sheet modules run in the browser too: no fs, no Node built-ins. */
import { readdirSync, readFileSync } from 'fs';
import { join, resolve } from 'path';

const ROOT = resolve(__dirname, '../../..');
const files = [
  ...readdirSync(join(ROOT, 'src/hosts/xlsx')).map((f) => join('src/hosts/xlsx', f)),
  'src/core/sheets/committeeWorkbook.ts',
  'src/core/sheets/readGrid.ts',
];

const importsOf = (text: string) => [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]);

test('the import pattern finds imports (a file may have none: byteSink.ts, zipParts.ts)', () => {
  const counts = files.map((f) => importsOf(readFileSync(join(ROOT, f), 'utf8')).length);
  expect(counts.filter((n) => n > 0).length).toBeGreaterThan(files.length / 2);
  expect(importsOf("import { a } from './b';\nimport type { C } from '@cj-tech-master/excelts';")).toEqual(['./b', '@cj-tech-master/excelts']);
});

test.each(files)('%s imports only excelts and project modules', (f) => {
  const text = readFileSync(join(ROOT, f), 'utf8');
  const imports = importsOf(text);
  for (const i of imports) expect(i.startsWith('.') || i.startsWith('@cj-tech-master/excelts')).toBe(true);
  expect(text).not.toMatch(/\brequire\(|\bprocess\.|\bBuffer\b|__dirname/);
});

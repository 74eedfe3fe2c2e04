/**
 * manifest.xml: valid against the Office add-in schemas (offline, xmllint), the production
 * rewrite stays valid, icons exist at the sizes the manifest names, every string has its en-US override.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const schema = join(root, 'schemas', 'office-manifest', 'OfficeAppManifestV1_1.xsd');
const xml = readFileSync(join(root, 'manifest.xml'), 'utf8');
const { rewriteManifest } = require('../../scripts/addin/manifest.js') as { rewriteManifest: (x: string, b: string) => string };

function xmllint(file: string): string {
  return execFileSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) + '';
}

function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('ascii')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

test('manifest.xml validates against the schemas offline', () => {
  expect(() => xmllint(join(root, 'manifest.xml'))).not.toThrow();
});

test('a broken manifest is refused by the same check (the check can fail)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  const bad = join(dir, 'bad.xml');
  writeFileSync(bad, xml.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Everything</Permissions>'));
  expect(() => xmllint(bad)).toThrow();
});

test('the production rewrite points every URL at ADDIN_BASE_URL and stays valid', () => {
  const out = rewriteManifest(xml, 'https://intranet.example.org/plan-budget/');
  expect(out).not.toMatch(/localhost/);
  expect(out).toContain('<AppDomain>https://intranet.example.org</AppDomain>');
  expect(out).toContain('DefaultValue="https://intranet.example.org/plan-budget/taskpane.html"');
  expect(out).toContain('https://intranet.example.org/plan-budget/assets/icon-80.png');
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  writeFileSync(join(dir, 'manifest.xml'), out);
  expect(() => xmllint(join(dir, 'manifest.xml'))).not.toThrow();
  expect(() => rewriteManifest(xml, 'http://intranet.example.org/')).toThrow(/https/);
});

test('Workbook task pane, ExcelApi 1.7 minimum, zh-CN default locale', () => {
  expect(xml).toMatch(/xsi:type="TaskPaneApp"/);
  expect(xml).toMatch(/<Host Name="Workbook"\/>/);
  expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1.7"\/>/);
  expect(xml).toMatch(/<DefaultLocale>zh-CN<\/DefaultLocale>/);
});

test('Home tab group with 打开助手, 校验, 汇总; every resid defined; every string has an en-US override', () => {
  expect(xml).toMatch(/<OfficeTab id="TabHome">/);
  for (const label of ['打开助手', '校验', '汇总']) expect(xml).toContain(`DefaultValue="${label}"`);
  const used = new Set([...xml.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]));
  const defined = new Set([...xml.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)"/g)].map((m) => m[1]));
  for (const id of used) expect(defined).toContain(id);
  const strings = [...xml.matchAll(/<bt:String id="[^"]+" DefaultValue="[^"]+">\s*<bt:Override Locale="en-US" Value="[^"]+"\/>/g)];
  expect(strings.length).toBe([...xml.matchAll(/<bt:String id=/g)].length);
  expect(xml).toMatch(/<DisplayName DefaultValue="计划预算编制助手">\s*<Override Locale="en-US"/);
});

test('icons exist at the sizes the manifest names (and 64/128 for the store)', () => {
  const urls = [...xml.matchAll(/https:\/\/localhost:3000\/(assets\/icon-(\d+)\.png)/g)];
  expect(urls.length).toBeGreaterThanOrEqual(5);
  for (const [, rel, size] of urls) {
    const file = join(root, rel);
    expect(existsSync(file)).toBe(true);
    expect(pngSize(file)).toEqual([Number(size), Number(size)]);
  }
  for (const s of [16, 32, 64, 80, 128]) expect(pngSize(join(root, 'assets', `icon-${s}.png`))).toEqual([s, s]);
});

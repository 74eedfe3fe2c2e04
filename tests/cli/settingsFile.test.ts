import { defaultCatalog } from '../../src/core/catalog';
import { parseSettingsText, settingsFrom, SettingsError } from '../../src/cli/settingsFile';

const catalog = defaultCatalog();

test('maxLineAmount: read in the plan unit, unset when not given (the rule then takes 500 万元 in the plan unit), refused when not a number ≥ 0', () => {
  expect(settingsFrom(parseSettingsText('maxLineAmount: 50\n'), catalog).maxLineAmount).toBe(50);
  expect(settingsFrom(parseSettingsText('budgetUnit: 元\nmaxLineAmount: "1,000,000"\n'), catalog)).toMatchObject({ budgetUnit: '元', maxLineAmount: 1_000_000 });
  expect(settingsFrom(parseSettingsText('budgetUnit: 元\n'), catalog).maxLineAmount).toBeUndefined();
  expect(() => parseSettingsText('maxLineAmount: -1\n')).toThrow(SettingsError);
  expect(() => parseSettingsText('maxLineAmount: 五百\n')).toThrow('maxLineAmount');
});

test('settings errors: Chinese without English asides, English for --lang en', () => {
  const err = (text: string) => {
    try {
      parseSettingsText(text);
    } catch (e) {
      return e as SettingsError;
    }
    throw new Error('no error');
  };
  const unknown = err('colour: 红\n');
  expect(unknown.message).toBe('未知设置项“colour”');
  expect(unknown.en).toBe('unknown key "colour"');
  const year = err('year: 二〇二三\n');
  expect(year.message).toBe('“year”应为年份，如 2023');
  expect(year.en).toContain('must be a year');
  for (const t of ['budgetUnit: 美元\n', 'deadline: 3月\n', 'maxLineAmount: -1\n', '[1, 2]\n']) expect(err(t).message).not.toMatch(/must|mapping|\(/);
});

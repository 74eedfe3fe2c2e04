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

import { chineseNumeralToInt, parseChineseNumeral } from '../../../src/core/util/numerals';

describe('one Chinese-numeral reader for catalog numbering, dates and amounts', () => {
  test.each([
    ['一', 1], ['十', 10], ['十二', 12], ['二十', 20], ['二十三', 23], ['九十九', 99], ['一百零五', 105], ['〇', 0], ['两', 2],
  ] as const)('chineseNumeralToInt(%j) = %d, as parseChineseNumeral reads it', (s, n) => {
    expect(chineseNumeralToInt(s)).toBe(n);
    expect(parseChineseNumeral(s)).toBe(n);
  });

  test.each(['', '五五', '二〇二三', '十十', 'abc', '第三'])('chineseNumeralToInt(%j) is NaN: not one definite number', (s) => {
    expect(chineseNumeralToInt(s)).toBeNaN();
  });
});

import { lineHeight, MAX_ROW_HEIGHT, rowHeightFor, wrappedLines } from '../../../src/core/sheets/rowHeight';

test('wrapped lines: CJK text fills about 21 characters a line in a 44-wide column at 10 pt, Latin about twice as many', () => {
  expect(wrappedLines('', 44, 10)).toBe(0);
  expect(wrappedLines('短文本', 44, 10)).toBe(1);
  expect(wrappedLines('字'.repeat(21), 44, 10)).toBe(1);
  expect(wrappedLines('字'.repeat(22), 44, 10)).toBe(2);
  expect(wrappedLines('字'.repeat(100), 44, 10)).toBe(5);
  expect(wrappedLines('a'.repeat(38), 44, 10)).toBe(1);
  expect(wrappedLines('一\n二\n三', 44, 10)).toBe(3);
  // a narrower column takes more lines for the same text
  expect(wrappedLines('字'.repeat(40), 20, 10)).toBeGreaterThan(wrappedLines('字'.repeat(40), 44, 10));
});

test('row height: undefined for one line, the tallest cell decides, capped at Excel’s 409 points', () => {
  expect(rowHeightFor(['短', undefined], [20, 44], 10)).toBeUndefined();
  const h = rowHeightFor(['字'.repeat(30), '字'.repeat(100)], [30, 44], 10)!;
  expect(h).toBe(Math.ceil(5 * lineHeight(10) + 4));
  expect(rowHeightFor(['字'.repeat(5000)], [44], 10)).toBe(MAX_ROW_HEIGHT);
});

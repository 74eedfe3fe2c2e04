import { beijingTime } from '../../../src/core/util/time';

test('ISO instants are shown in China Standard Time (UTC+8, no daylight saving), other text as is', () => {
  expect(beijingTime('2023-01-05T08:00:00.000Z')).toBe('2023-01-05 16:00（北京时间）');
  expect(beijingTime('2023-12-31T16:30:00Z')).toBe('2024-01-01 00:30（北京时间）');
  expect(beijingTime('2023-07-01T12:00:00+08:00')).toBe('2023-07-01 12:00（北京时间）');
  expect(beijingTime('2023-03-12T01:59:59.999Z')).toBe('2023-03-12 09:59（北京时间）');
  expect(beijingTime('')).toBe('');
  expect(beijingTime('昨天下午')).toBe('昨天下午');
  expect(beijingTime('2023-13-45T99:00:00Z')).toBe('2023-13-45T99:00:00Z');
});

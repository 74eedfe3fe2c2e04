/**
 * Normalisation of what people type into the committee workbook, one file per idea:
 *   cell.ts (shared: blank cells, cell objects, half-width), text.ts (text, codes, flags), amount.ts (numbers
 *   and amounts), date.ts (dates and periods), pointRef.ts (work points), committeeRef.ts (committees);
 *   Chinese numerals are read by core/util/numerals.ts.
 *
 * Every function takes a raw cell value (string, number, boolean, Date, null, or an xlsx-library
 * cell object) and returns a Normalised<T>: the value, the raw value as read, whether it was empty
 * or unreadable, and a note (Chinese, with English where useful) saying what changed.
 * Nothing here guesses: what cannot be read is `unreadable` (the validator turns it into a finding).
 * No function throws, whatever the input.
 *
 * Flags (Normalised.flags) used here:
 *   trimmed, fullWidth, reformatted, unitConverted (a reading that changed magnitude), chineseNumeral,
 *   currency, scaled, ambiguousUnit, negative, approximate, range, percent, serial, dateObject, timeDropped, yearAssumed, period, formulaNoValue, errorValue,
 *   titleOnly, titleMismatch, multiple, shortName
 */
export { FORMULA_NO_VALUE, isBlank, toHalfWidth, unwrapCell } from './cell';
export { isPlainText, normaliseCode, normaliseFlag, normaliseText } from './text';
export { amountReading, decimalsOf, normaliseAmount, normaliseNumber, tidy } from './amount';
export { parseChineseNumeral } from '../../util/numerals';
export type { DateRange, DateRole } from './date';
export { daysFromIso, daysInMonth, isoFromDays, isoOfUtcMidnight, isoToSerial, normaliseDate, normalisePeriod, serialToIso } from './date';
export { normalisePointRef, pointsByTitle, titleKey, titleKeyDigits, titleKeyDigitsHash } from './pointRef';
export { normaliseCommitteeRef } from './committeeRef';

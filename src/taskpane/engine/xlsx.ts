/** The xlsx chunk (loaded lazily, only when a file is read or written). */
import type { XlsxEngine } from './types';
import { readWorkbook, renderWorkbook } from './xlsxStandIn';

export const xlsx: XlsxEngine = { renderWorkbook, readWorkbook };

/** The xlsx chunk (loaded lazily, only when a file is read or written): src/hosts/xlsx. */
import { readWorkbook, renderWorkbook } from '../../hosts/xlsx';
import { patchWorkbook } from '../../hosts/xlsx/patch';
import { zipFiles } from '../../hosts/xlsx/zipFiles';
import type { XlsxEngine } from './types';

export const xlsx: XlsxEngine = { renderWorkbook, readWorkbook, patchWorkbook, zipFiles };

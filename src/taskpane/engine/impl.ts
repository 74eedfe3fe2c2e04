/**
 * The engine chunk (loaded lazily): the core functions the task pane uses — the committee
 * workbook, the pure grid reader and checkSubmission. Until the "consolidate" helper's module
 * lands, the summary comes from ./standins (see the note there).
 */
import { committeeWorkbookFileName, describeCommitteeWorkbook } from '../../core/sheets/committeeWorkbook';
import { readGrid } from '../../core/sheets/readGrid';
import { checkSubmission } from '../../core/validate';
import type { Engine } from './types';
import { summarise } from './standins';

export const engine: Engine = {
  describeCommitteeWorkbook: (catalog, settings, committeeId) => describeCommitteeWorkbook(catalog, settings, committeeId),
  committeeFileName: committeeWorkbookFileName,
  rawFromGrids: (grids, file) => readGrid({ file, sheets: Object.entries(grids).map(([name, rows]) => ({ name, rows })) }),
  checkSubmission,
  summarise,
};

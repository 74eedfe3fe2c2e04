/**
 * The engine chunk (loaded lazily): core functions the task pane uses.
 * checkSubmission is the core's. Until the "files" and "consolidate" helpers' modules land,
 * the committee workbook, the grid reader and the summary come from ./standins (see the note there).
 */
import { checkSubmission } from '../../core/validate';
import type { Engine } from './types';
import * as standins from './standins';

export const engine: Engine = {
  describeCommitteeWorkbook: standins.describeCommitteeWorkbook,
  rawFromGrids: standins.rawFromGrids,
  checkSubmission,
  summarise: standins.summarise,
};

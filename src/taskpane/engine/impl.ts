/**
 * The engine chunk (loaded lazily): core functions the task pane uses.
 * Until the agreed modules land, some come from ./standins (see the note there).
 */
import type { Engine } from './types';
import * as standins from './standins';

export const engine: Engine = {
  describeCommitteeWorkbook: standins.describeCommitteeWorkbook,
  rawFromGrids: standins.rawFromGrids,
  checkSubmission: standins.checkSubmission,
  summarise: standins.summarise,
};

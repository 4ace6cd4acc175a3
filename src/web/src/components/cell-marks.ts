import type { MatrixCell } from '../api/matrix';
import { isDisputeFlag } from './evidence-list';

export interface CellMarks {
  /** A flag that says sources disagree (e.g. `matrix_views_disagree`): a red corner. */
  disputed: boolean;
  /** Any other flag: a dot. */
  flagged: boolean;
  /** Some evidence is DERIVED rather than sourced: hatched, with a dashed outline. */
  derived: boolean;
}

/** How a matrix cell is marked, the same on the page, in the SVG and in the cell's accessible name. */
export function cellMarks(cell: Pick<MatrixCell, 'flags' | 'confidences'>): CellMarks {
  const disputed = cell.flags.some(isDisputeFlag);
  return { disputed, flagged: !disputed && cell.flags.length > 0, derived: cell.confidences.includes('DERIVED') };
}

import { cellKey, type Matrix } from '../api/matrix';

/**
 * The matrix as shown, as rows of fields: the layout of the service's
 * `/export/matrix.csv` (`grid`): a header (`code`, `name`, each column's
 * code), one row per row node with its code, name in the page's language and
 * the value of each non-empty cell (empty otherwise).
 */
export function matrixTable(matrix: Matrix): (string | number | undefined)[][] {
  const values = new Map(matrix.cells.map((cell) => [cellKey(cell.row.id, cell.column.id), cell.value]));
  return [
    ['code', 'name', ...matrix.columns.map((column) => column.code)],
    ...matrix.rows.map((row) => [row.code, row.name, ...matrix.columns.map((column) => values.get(cellKey(row.id, column.id)))]),
  ];
}

import type { GraphEdge, GraphNode } from '../domain/graph-records';
import { pickLocalized, type Lang } from '../domain/lang';
import type { Matrix } from './build-matrix';
import type { CsvValue } from './to-csv';

/**
 * How a matrix is laid out in a file:
 * - `grid`: the matrix as a mapping study prints it: one header row
 *   (`code`, `name`, then each column's code), one row per row node, the
 *   cell's value where the cell is non-empty, empty otherwise.
 * - `cells`: one row per non-empty cell, with its evidence (link ids) and
 *   flags, for filtering and pivoting.
 */
export const MATRIX_LAYOUTS = ['grid', 'cells'] as const;
export type MatrixLayout = (typeof MATRIX_LAYOUTS)[number];

/** The header of the `cells` layout. */
export const CELL_COLUMNS = [
  'row_id',
  'row_code',
  'row_name',
  'column_id',
  'column_code',
  'column_name',
  'value',
  'evidence',
  'flags',
  'shared_targets',
] as const;

/** The matrix as rows of fields (header first), names in `lang` (English where there is none); lists joined with `;`. */
export function matrixToTable(matrix: Matrix, layout: MatrixLayout, lang: Lang): CsvValue[][] {
  const name = (node: GraphNode) => pickLocalized(node.name, lang).text;
  if (layout === 'cells') {
    return [
      [...CELL_COLUMNS],
      ...matrix.cells.map((cell) => [
        cell.row.id,
        cell.row.code,
        name(cell.row),
        cell.column.id,
        cell.column.code,
        name(cell.column),
        cell.value,
        cell.evidence.map((edge) => edge.id).join(';'),
        cell.flags.join(';'),
        cell.sharedTargets.join(';'),
      ]),
    ];
  }
  const values = new Map(matrix.cells.map((cell) => [`${cell.row.id}\n${cell.column.id}`, cell.value]));
  return [
    ['code', 'name', ...matrix.columns.map((column) => column.code)],
    ...matrix.rows.map((row) => [row.code, name(row), ...matrix.columns.map((column) => values.get(`${row.id}\n${column.id}`))]),
  ];
}

/** The JSON export of a matrix: the GraphQL answer's shape, nodes as `{ id, code, name }`, links with their provenance. */
export function matrixToJson(matrix: Matrix, lang: Lang) {
  const node = (n: GraphNode) => ({ id: n.id, type: n.type, code: n.code, name: pickLocalized(n.name, lang).text });
  return {
    rowAxis: matrix.rowAxis,
    columnAxis: matrix.columnAxis,
    measure: matrix.measure,
    goalLinks: matrix.goalLinks,
    rows: matrix.rows.map(node),
    columns: matrix.columns.map(node),
    cells: matrix.cells.map((cell) => ({
      row: cell.row.id,
      column: cell.column.id,
      value: cell.value,
      evidence: cell.evidence.map(linkJson),
      flags: cell.flags,
      sharedTargets: cell.sharedTargets,
    })),
  };
}

function linkJson(edge: GraphEdge) {
  return { id: edge.id, type: edge.type, from: edge.from, to: edge.to, props: edge.props, provenance: edge.provenance };
}

import { LINK_FIELDS, type Link, type NodeRef } from './fragments';

export const AXES = [
  'ACTION_LINES',
  'ACTION_LINES_MAIN',
  'SDG_GOALS',
  'SDG_TARGETS',
  'GDC_OBJECTIVES',
  'GDC_COMMITMENTS',
  'ENTITIES',
  'INITIATIVES',
] as const;
export const MEASURES = ['DIRECT_LINKS', 'SHARED_TARGETS', 'JACCARD'] as const;
export const GOAL_LINKS = ['EVERY_TARGET', 'GOAL_ONLY'] as const;

export interface MatrixParams {
  rows: string;
  columns: string;
  measure: string;
  goalLinks: string;
}

export interface MatrixCell {
  row: { id: string };
  column: { id: string };
  value: number;
  flags: string[];
  confidences: string[];
}

export interface Matrix {
  rows: NodeRef[];
  columns: NodeRef[];
  cells: MatrixCell[];
}

export interface CellEvidence {
  row: { id: string };
  column: { id: string };
  evidence: Link[];
  sharedTargets: NodeRef[];
}

const ARGS = `$rows: MatrixAxis!, $columns: MatrixAxis!, $measure: MatrixMeasure!, $goalLinks: GoalLinkReach!, $lang: Lang!`;
const CALL = `matrix(rows: $rows, columns: $columns, measure: $measure, goalLinks: $goalLinks)`;

/** The grid: labels and values, flags and confidences per cell; light, so the page paints at once. */
export const MATRIX = `query Matrix(${ARGS}) {
  ${CALL} {
    rows { id code __typename name(lang: $lang) }
    columns { id code __typename name(lang: $lang) }
    cells { row { id } column { id } value flags confidences }
  }
}`;

/** Every cell's evidence, fetched when a cell is first opened. */
export const MATRIX_EVIDENCE = `query MatrixEvidence(${ARGS}) {
  ${CALL} {
    cells { row { id } column { id } evidence { ${LINK_FIELDS} } sharedTargets { id code __typename name(lang: $lang) } }
  }
}`;

/** The key of a cell in maps and in the URL's `cell` parameter. */
export const cellKey = (rowId: string, columnId: string) => `${rowId}|${columnId}`;

import { languagesOf } from '../i18n/use-ui';
import { AXES, GOAL_LINKS, MEASURES } from './api-enums';
import { LINK_FIELDS, type Link, type NodeRef } from './fragments';

export { AXES, GOAL_LINKS, MEASURES };

// A type, not an interface, so that it is a GraphQL variables record.
export type MatrixParams = {
  rows: string;
  columns: string;
  measure: string;
  goalLinks: string;
};

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

/**
 * One cell's evidence, fetched when it is opened (`$row`, `$column`: its
 * nodes' ids). Every cell's at once was refused on the larger grids: action
 * lines × targets is estimated above the service's MAX_COST.
 */
export const MATRIX_CELL_EVIDENCE = `query MatrixCellEvidence(${ARGS}, $row: ID!, $column: ID!) {
  ${CALL} {
    cell(row: $row, column: $column) { row { id } column { id } evidence { ${LINK_FIELDS} } sharedTargets { id code __typename name(lang: $lang) } }
  }
}`;

const pick = (value: string | undefined, allowed: readonly string[], fallback: string) =>
  value && allowed.includes(value) ? value : fallback;

/** The matrix a `/matrix` URL's parameters ask for, unknown values replaced by the defaults (the WSIS–SDG Matrix at goal level). */
export function matrixParams(query: Record<string, string | undefined>): MatrixParams {
  return {
    rows: pick(query.rows, AXES, 'ACTION_LINES'),
    columns: pick(query.columns, AXES, 'SDG_GOALS'),
    measure: pick(query.measure, MEASURES, 'DIRECT_LINKS'),
    goalLinks: pick(query.goalLinks, GOAL_LINKS, 'EVERY_TARGET'),
  };
}

/** The variables of MATRIX and MATRIX_EVIDENCE for a `/matrix` URL's parameters: the page and main.tsx's prefetch agree by using this. */
export function matrixVariables(query: Record<string, string | undefined>): MatrixParams & { lang: string } {
  return { ...matrixParams(query), lang: languagesOf(query).lang.toUpperCase() };
}

/**
 * The matrix a node of this type is read in, and whether it is a row or a
 * column there: an SDG target's action lines in the WSIS–SDG Matrix at target
 * level, an action line's goals, an entity's action lines (facilitation), a
 * GDC part's action lines. Undefined for types no axis lists.
 */
export function matrixOf(type: string): { rows: string; columns: string; line: 'row' | 'column' } | undefined {
  return MATRIX_OF[type];
}

const MATRIX_OF: Record<string, { rows: string; columns: string; line: 'row' | 'column' }> = {
  SdgTarget: { rows: 'ACTION_LINES', columns: 'SDG_TARGETS', line: 'column' },
  SdgGoal: { rows: 'ACTION_LINES', columns: 'SDG_GOALS', line: 'column' },
  ActionLine: { rows: 'ACTION_LINES', columns: 'SDG_GOALS', line: 'row' },
  Entity: { rows: 'ENTITIES', columns: 'ACTION_LINES', line: 'row' },
  GdcObjective: { rows: 'GDC_OBJECTIVES', columns: 'ACTION_LINES_MAIN', line: 'row' },
  GdcCommitment: { rows: 'GDC_COMMITMENTS', columns: 'ACTION_LINES_MAIN', line: 'row' },
};

/** The key of a cell in maps and in the URL's `cell` parameter. */
export const cellKey = (rowId: string, columnId: string) => `${rowId}|${columnId}`;

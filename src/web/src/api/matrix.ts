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

/** Every cell's evidence, fetched when a cell is first opened. */
export const MATRIX_EVIDENCE = `query MatrixEvidence(${ARGS}) {
  ${CALL} {
    cells { row { id } column { id } evidence { ${LINK_FIELDS} } sharedTargets { id code __typename name(lang: $lang) } }
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

/** The key of a cell in maps and in the URL's `cell` parameter. */
export const cellKey = (rowId: string, columnId: string) => `${rowId}|${columnId}`;

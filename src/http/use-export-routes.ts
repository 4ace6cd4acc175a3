import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';
import { buildMatrix, MATRIX_AXES, MATRIX_MEASURES } from '../analytics/build-matrix';
import { exportGraph } from '../analytics/export-graph';
import { MATRIX_LAYOUTS, matrixToJson, matrixToTable } from '../analytics/matrix-to-table';
import { GOAL_LINK_REACHES } from '../analytics/reach-index';
import { toCsv } from '../analytics/to-csv';
import { toGraphml } from '../analytics/to-graphml';
import { EDGE_TYPES, type EdgeType } from '../domain/edge-types';
import { BadUserInputError, DomainError, type ErrorCode } from '../domain/errors';
import { LANGS } from '../domain/lang';
import type { Logger } from '../logger';
import type { GraphStore } from '../store/graph-store';
import { errorResponse, internalErrorResponse } from './send-error';

export interface ExportLimits {
  /** Largest `hops` of a neighbourhood export (the config's MAX_PATH_HOPS). */
  maxHops: number;
}

/**
 * Downloads for mapping studies and graph tools, all `GET`:
 *
 * - `/export/matrix.csv` and `/export/matrix.json`: the `matrix` query's
 *   answer. Parameters as its arguments: `rows`, `columns` (required),
 *   `measure`, `goalLinks`, `linkTypes` (comma-separated); plus `lang` (name
 *   language, default `en`) and, for CSV, `layout` (`grid`, the default, or
 *   `cells`, one line per cell with its evidence).
 * - `/export/graph.json` and `/export/graph.graphml`: the whole graph, or with
 *   `node=<id>` the nodes within `hops` links of it (default 1) and the links
 *   among them.
 *
 * A bad parameter gets 400 and the GraphQL error shape, `{ errors: [{ message,
 * extensions: { code: 'BAD_USER_INPUT', argument, expected } }] }`; an
 * unknown node 404 with code NOT_FOUND; any other failure is logged and
 * answered with the masked 500 (`INTERNAL_SERVER_ERROR`, "Unexpected error.").
 */
export function useExportRoutes(store: GraphStore, limits: ExportLimits, logger: Logger): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const route = ROUTES[url.pathname];
      if (!route) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(
          errorResponse(405, 'METHOD_NOT_ALLOWED', `${url.pathname} answers GET only.`, { headers: { allow: 'GET, HEAD' } }, fetchAPI.Response),
        );
        return;
      }
      try {
        const { body, contentType, filename } = await route(store, readParams(url.searchParams), limits);
        endResponse(
          new fetchAPI.Response(body, {
            status: 200,
            headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"` },
          }),
        );
      } catch (error) {
        // Never thrown past the route: a domain error keeps its code, anything else is logged and masked.
        if (error instanceof DomainError) {
          endResponse(errorResponse(STATUS[error.code] ?? 500, error.code, error.message, { extensions: error.details }, fetchAPI.Response));
          return;
        }
        logger.error('export failed', { route: url.pathname, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
        endResponse(internalErrorResponse(fetchAPI.Response));
      }
    },
  };
}

type Download = { body: string; contentType: string; filename: string };
type Route = (store: GraphStore, params: Record<string, string>, limits: ExportLimits) => Promise<Download>;

const STATUS: Partial<Record<ErrorCode, number>> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, STORE_UNAVAILABLE: 503 };

const CSV = 'text/csv; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHML = 'application/graphml+xml; charset=utf-8';

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `one of ${values.join(', ')}` });

const lang = z.preprocess((v) => (typeof v === 'string' ? v.toLowerCase() : v), oneOf(LANGS)).default('en');
const linkTypes = z
  .string()
  .transform((text) => text.split(',').map((part) => part.trim()).filter((part) => part !== ''))
  .pipe(z.array(oneOf(EDGE_TYPES as [EdgeType, ...EdgeType[]])));

const matrixParams = {
  rows: oneOf(MATRIX_AXES),
  columns: oneOf(MATRIX_AXES),
  measure: oneOf(MATRIX_MEASURES).default('DIRECT_LINKS'),
  goalLinks: oneOf(GOAL_LINK_REACHES).default('EVERY_TARGET'),
  linkTypes: linkTypes.optional(),
  lang,
};

const matrixCsvSchema = z.object({ ...matrixParams, layout: oneOf(MATRIX_LAYOUTS).default('grid') });
const matrixJsonSchema = z.object(matrixParams);

const graphSchema = (maxHops: number) =>
  z
    .object({
      node: z.string().min(1, 'a global id "<Type>:<code>"').max(300, 'a global id of at most 300 characters').optional(),
      hops: z.coerce
        .number({ error: `an integer from 1 to ${maxHops}` })
        .int(`an integer from 1 to ${maxHops}`)
        .min(1, `an integer from 1 to ${maxHops}`)
        .max(maxHops, `an integer from 1 to ${maxHops}`)
        .optional(),
    })
    .refine((p) => p.hops === undefined || p.node !== undefined, { message: 'hops only together with node', path: ['hops'] });

const ROUTES: Record<string, Route> = {
  '/export/matrix.csv': async (store, params) => {
    const p = parse(matrixCsvSchema, params);
    const matrix = await buildMatrix(store, p);
    return { body: toCsv(matrixToTable(matrix, p.layout, p.lang)), contentType: CSV, filename: matrixFilename(p, 'csv') };
  },
  '/export/matrix.json': async (store, params) => {
    const p = parse(matrixJsonSchema, params);
    const [matrix, dataset] = await Promise.all([buildMatrix(store, p), store.datasetInfo()]);
    const body = JSON.stringify({ dataset: dataset.version, ...matrixToJson(matrix, p.lang) });
    return { body, contentType: JSON_TYPE, filename: matrixFilename(p, 'json') };
  },
  '/export/graph.json': async (store, params, limits) => {
    const p = parse(graphSchema(limits.maxHops), params);
    const [graph, dataset] = await Promise.all([exportGraph(store, around(p)), store.datasetInfo()]);
    return { body: JSON.stringify({ dataset: dataset.version, ...graph }), contentType: JSON_TYPE, filename: graphFilename(p, 'json') };
  },
  '/export/graph.graphml': async (store, params, limits) => {
    const p = parse(graphSchema(limits.maxHops), params);
    return { body: toGraphml(await exportGraph(store, around(p))), contentType: GRAPHML, filename: graphFilename(p, 'graphml') };
  },
};

// Query parameters as a record; a parameter given twice is refused rather than guessed at.
function readParams(search: URLSearchParams): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of search) {
    if (key in params) throw new BadUserInputError(`Parameter "${key}" is given more than once.`, { argument: key, expected: 'one value' });
    params[key] = value;
  }
  return params;
}

// Validates parameters; an unknown one is refused so that a misspelt name is not silently ignored.
function parse<S extends z.ZodObject>(schema: S, params: Record<string, string>): z.infer<S> {
  const known = Object.keys(schema.shape);
  const unknown = Object.keys(params).find((key) => !known.includes(key));
  if (unknown !== undefined) {
    throw new BadUserInputError(`Parameter "${unknown}" is not known here.`, { argument: unknown, expected: `one of ${known.join(', ')}` });
  }
  const result = schema.safeParse(params);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const argument = issue.path.map(String).join('.') || 'parameters';
  throw new BadUserInputError(`Parameter "${argument}" is invalid: ${issue.message}.`, { argument, expected: issue.message });
}

function around(p: { node?: string; hops?: number }) {
  return p.node === undefined ? undefined : { node: p.node, hops: p.hops ?? 1 };
}

function matrixFilename(p: { rows: string; columns: string; measure: string }, ext: string): string {
  return `matrix-${p.rows}-${p.columns}-${p.measure}.${ext}`;
}

// The id goes into a header: keep letters, digits, dot and dash.
function graphFilename(p: { node?: string; hops?: number }, ext: string): string {
  if (p.node === undefined) return `graph.${ext}`;
  return `graph-${p.node.replace(/[^A-Za-z0-9.-]+/g, '_')}-${p.hops ?? 1}.${ext}`;
}

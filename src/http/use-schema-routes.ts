import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { possibleTypesOf } from '../graphql/possible-types';
import { errorResponse } from './send-error';

export interface SchemaRouteOptions {
  /** `ALLOW_INTROSPECTION`: when off, the SDL is not served either (it says what introspection would). */
  allowIntrospection: boolean;
}

/**
 * The published client metadata, read by tools rather than by queries:
 *
 * - `GET /graphql/schema.graphql`: the served schema as SDL (sorted, with every description),
 *   for codegen, relay-compiler and editors; `403 INTROSPECTION_DISABLED` when introspection is off;
 * - `GET /graphql/possible-types.json`: `{ "<interface or union>": ["<object type>", …] }`, Apollo
 *   Client's `possibleTypes` (see `possibleTypesOf`); always served, it names types and nothing more.
 *
 * Both are computed once from the schema the app serves, on their first request (printing the
 * sorted SDL at start-up was a tenth of the cold start, for a route few clients call). Place it after authentication (with
 * anonymous reading off they need a key, like the schema by introspection).
 */
export function useSchemaRoutes(schema: GraphQLSchema, { allowIntrospection }: SchemaRouteOptions): Plugin {
  let sdl: string | undefined;
  let possibleTypes: string | undefined;
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const route = ROUTES[url.pathname];
      if (!route) return;
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(
          errorResponse(405, 'METHOD_NOT_ALLOWED', `${url.pathname} answers GET only.`, { headers: { allow: 'GET, HEAD' } }, fetchAPI.Response),
        );
        return;
      }
      if (route === 'sdl' && !allowIntrospection) {
        endResponse(
          errorResponse(403, 'INTROSPECTION_DISABLED', 'The schema is not published on this service (ALLOW_INTROSPECTION=false).', {}, fetchAPI.Response),
        );
        return;
      }
      const body =
        route === 'sdl'
          ? (sdl ??= `${printSchema(lexicographicSortSchema(schema))}\n`)
          : (possibleTypes ??= `${JSON.stringify(possibleTypesOf(schema), null, 2)}\n`);
      const headers = {
        'content-type': route === 'sdl' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      };
      endResponse(new fetchAPI.Response(request.method === 'HEAD' ? null : body, { status: 200, headers }));
    },
  };
}

const ROUTES: Record<string, 'sdl' | 'possibleTypes' | undefined> = {
  '/graphql/schema.graphql': 'sdl',
  '/graphql/possible-types.json': 'possibleTypes',
};

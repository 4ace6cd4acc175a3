import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from '../domain/errors';

/**
 * Gives every request error a stable `extensions.code`, so clients can act on
 * the code rather than the message: syntax errors `GRAPHQL_PARSE_FAILED`,
 * queries that do not fit the schema `GRAPHQL_VALIDATION_FAILED`, variables of
 * the wrong type `BAD_USER_INPUT`. Errors that already have a code keep it.
 */
export function useErrorCodes(): Plugin {
  return {
    onParse() {
      return ({ result, replaceParseResult }) => {
        if (result instanceof GraphQLError && !result.extensions.code) {
          replaceParseResult(withCode(result, 'GRAPHQL_PARSE_FAILED'));
        }
      };
    },
    onValidate() {
      return ({ result, setResult }) => {
        if (result.some((error) => !error.extensions.code)) {
          setResult(result.map((error) => (error.extensions.code ? error : withCode(error, 'GRAPHQL_VALIDATION_FAILED'))));
        }
      };
    },
    onRequestParse({ requestParser, setRequestParser, endResponse, fetchAPI }) {
      // No parser took the request (an unsupported Content-Type): answer 415 with a coded error, not an empty body.
      if (!requestParser) {
        const message = 'Unsupported Content-Type: send application/json (POST) or use GET with query parameters.';
        endResponse(fetchAPI.Response.json({ errors: [{ message, extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] }, { status: 415 }));
        return;
      }
      // yoga's GET and form parsers let JSON.parse's SyntaxError on `variables`/`extensions` through as a 500.
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          const message = 'The "variables" or "extensions" parameter is not valid JSON.';
          return fetchAPI.Response.json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] }, { status: 400 });
        }
      });
    },
    // The schema has no subscriptions: a subscription operation fails before any field runs.
    onSubscribe() {
      return {
        onSubscribeResult({ result, setResult }) {
          if ('errors' in result && result.errors) {
            setResult({ ...result, errors: result.errors.map((error) => (error.extensions.code ? error : withCode(error, 'BAD_USER_INPUT'))) });
          }
        },
      };
    },
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          // Errors before any field ran (no data, no path) are variable coercion errors: the caller's input.
          if ('errors' in result && result.errors && result.data === undefined) {
            setResult({
              ...result,
              errors: result.errors.map((error) =>
                error.extensions.code || error.path ? error : withCode(error, 'BAD_USER_INPUT'),
              ),
            });
          }
        },
      };
    },
  };
}

function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, code },
  });
}

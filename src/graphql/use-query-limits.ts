import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, parse, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
}

/**
 * Refuses queries that are too deep, too costly, too aliased or too long
 * before they run, each with code `QUERY_TOO_COMPLEX` and `extensions.limit`
 * naming the limit (`depth`, `cost`, `aliases`, `tokens`) and its maximum.
 * Depth, cost and aliases use GraphQL Armor's validation rules; the token
 * limit is graphql-js's own parser option.
 */
export function useQueryLimits(limits: QueryLimits): Plugin {
  const reject = (limit: string, max: number) => (context: ValidationContext | null, error: GraphQLError) => {
    context?.reportError(tooComplex(error.message.replace(/^Syntax Error: /, ''), limit, max));
  };
  const rules = [
    maxDepthRule({ n: limits.maxDepth, propagateOnRejection: false, onReject: [reject('depth', limits.maxDepth)] }),
    costLimitRule({ maxCost: limits.maxCost, propagateOnRejection: false, onReject: [reject('cost', limits.maxCost)] }),
    maxAliasesRule({ n: limits.maxAliases, propagateOnRejection: false, onReject: [reject('aliases', limits.maxAliases)] }),
  ];
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          // Parsing again without the limit tells a long document from a malformed one
          // without reading the error's wording; the body size limit bounds this second parse.
          parse(source, options);
          throw tooComplex(`Query has more than ${limits.maxTokens} tokens.`, 'tokens', limits.maxTokens, error);
        }
      });
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
  };
}

function tooComplex(message: string, limit: string, max: number, originalError?: unknown): GraphQLError {
  return new GraphQLError(message, {
    originalError: originalError instanceof Error ? originalError : undefined,
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, max },
  });
}

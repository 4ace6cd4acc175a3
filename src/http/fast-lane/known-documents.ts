import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import { LruMap } from '../../domain/lru-map';

/**
 * A document yoga's pipeline has answered for one method (GET or POST), caller role and `Accept`: parsed, validated
 * under every rule (depth, aliases, tokens, introspection), executed as a query without an error and
 * sent as JSON with `contentType`. None of that depends on the variables, so the fast lane may run the
 * document again for other variables, checking per request only what does (see fast-lane.ts).
 */
export interface KnownDocument {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  operationName: string | null;
  contentType: string;
  /** graphql-jit's form, made on the fast lane's first run of it; `null`: run by graphql-js. */
  compiled?: CompiledQuery | null;
}

/**
 * Known documents by method, role, `Accept`, operation name and query text, least recently used dropped first.
 * Bounded in count and in the length of the text kept as key, so a stream of distinct documents costs
 * bounded memory (at most `maxEntries` × `MAX_QUERY_CHARS` characters of keys).
 */
export class KnownDocuments {
  private readonly entries: LruMap<string, KnownDocument> | null;

  /** @param maxEntries 0: none is kept (the fast lane is off). */
  constructor(maxEntries: number) {
    this.entries = maxEntries > 0 ? new LruMap(maxEntries) : null;
  }

  get size(): number {
    return this.entries?.size ?? 0;
  }

  /** The key of a request's document, or `null` when its text is too long to be kept. */
  static keyOf(method: string, role: string, accept: string, query: string, operationName: string | null): string | null {
    if (query.length > MAX_QUERY_CHARS) return null;
    // No part but the query can hold a line break (a method, a role, a header value, a GraphQL name).
    return `${method}\n${role}\n${accept}\n${operationName ?? ''}\n${query}`;
  }

  get(key: string): KnownDocument | undefined {
    return this.entries?.get(key);
  }

  set(key: string, known: KnownDocument): void {
    this.entries?.set(key, known);
  }
}

/** Longer documents always go through yoga: 16 K characters hold any client's query with its fragments. */
export const MAX_QUERY_CHARS = 16 * 1024;

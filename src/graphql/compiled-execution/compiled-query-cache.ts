import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { CompiledQuery } from 'graphql-jit';

/** A compiled operation, or the reason it is run by graphql-js instead. */
export type CompileOutcome = { query: CompiledQuery } | { fallback: string };

const SEEN_ONCE: CompileOutcome = { fallback: 'seen once: compiled when it comes again' };

/**
 * Compiled queries kept by document text and operation name, least recently
 * used dropped first, so that a stream of distinct documents costs bounded
 * memory. A document is compiled the second time it is seen: compiling costs
 * 1–20 ms, many times one execution, and a document sent once (a one-off, or
 * a flood of distinct ones) would pay it for nothing. An operation graphql-jit
 * cannot compile is remembered as such, so it is not tried again on every
 * request. One cache per schema: a new schema (never, in this service)
 * empties it.
 */
export class CompiledQueryCache {
  // By document text (LRU order), then by operation name: no key string is built per request (a document can be
  // 100 kB, and most requests carry a new one).
  private readonly entries = new Map<string, Map<string, CompileOutcome>>();
  private schema: GraphQLSchema | null = null;

  /** @param maxEntries how many documents stay compiled (each holds generated code: tens of kB). */
  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The compiled form of `operationName` in `document`; documents without their source text are never compiled. */
  get(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): CompileOutcome {
    const text = document.loc?.source.body;
    if (text === undefined) return { fallback: 'the document has no source text to key it by' };
    if (schema !== this.schema) {
      this.entries.clear();
      this.schema = schema;
    }
    const name = operationName ?? '';
    let operations = this.entries.get(text);
    // Re-inserted: a Map iterates in insertion order, so its first key is the least recently used.
    if (operations) this.entries.delete(text);
    else operations = new Map();
    this.entries.set(text, operations);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const known = operations.get(name);
    const outcome = known === undefined ? SEEN_ONCE : known === SEEN_ONCE ? compile(schema, document, operationName) : known;
    operations.set(name, outcome);
    return outcome;
  }
}

/** graphql-jit's form of an operation, or `null` when it cannot compile it (the fast lane's, `src/http/fast-lane/`). */
export function compileOperation(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): CompiledQuery | null {
  const outcome = compile(schema, document, operationName);
  return 'query' in outcome ? outcome.query : null;
}

function compile(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined): CompileOutcome {
  try {
    const { compileQuery, isCompiledQuery } = loadJit();
    const compiled = compileQuery(schema, document, operationName ?? undefined);
    if (isCompiledQuery(compiled)) return { query: compiled };
    return { fallback: compiled.errors?.map((error) => error.message).join('; ') ?? 'not compiled' };
  } catch (error) {
    return { fallback: error instanceof Error ? error.message : String(error) };
  }
}

type Jit = typeof import('graphql-jit');
let jit: Jit | undefined;

/**
 * graphql-jit, required when first needed rather than at start-up: with fast-json-stringify and ajv it
 * took 90-170 ms of a cold start (node -e "require('graphql-jit')", taskset -c 1, load average 5), for a
 * compiler no request uses before a document's second sighting, which loads it (once per process).
 * Not loaded in the background after a first sighting: a timer that requires a module can fire after its
 * owner is gone (a test's torn-down environment failed the CI run that way).
 */
function loadJit(): Jit {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- synchronous on purpose: compile() runs inside a request's execution
  jit ??= require('graphql-jit') as Jit;
  return jit;
}

import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { queryShapeRule } from '../../../src/graphql/query-shape-rule';

// A small recursive schema: every level can go one deeper.
const schema = buildSchema(`
  type Query { node(id: ID): Node }
  type Node { id: ID, name: String, child: Node, children: [Node] }
`);

/** The errors of validating `query` with the spec's rules and the shape rule, as message and extensions. */
function check(query: string, limits = { maxDepth: 3, maxAliases: 2 }) {
  return validate(schema, parse(query), [...specifiedRules, queryShapeRule(limits)]).map((e) => ({ message: e.message, extensions: e.extensions }));
}

const depthError = (found: number, max = 3) => ({
  message: `Query depth limit of ${max} exceeded, found ${found}.`,
  extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', max },
});
const aliasError = (found: number, max = 2) => ({
  message: `Aliases limit of ${max} exceeded, found ${found}.`,
  extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max },
});

describe('query shape rule: depth and aliases in one validation pass', () => {
  it('counts depth as the deepest nesting of fields', () => {
    expect(check('{ node { child { id } } }')).toEqual([]);
    expect(check('{ node { child { child { id } } } }')).toEqual([depthError(4)]);
  });

  it('adds no level for fragments, inline or named, and follows a spread to its depth', () => {
    expect(check('{ node { ... on Node { child { id } } } }')).toEqual([]);
    expect(check('{ node { ...F } } fragment F on Node { child { id } }')).toEqual([]);
    expect(check('{ node { ...F } } fragment F on Node { child { ...G } } fragment G on Node { child { id } }')).toEqual([depthError(4)]);
    // The deepest of two spreads counts, wherever each is spread.
    expect(check('{ node { id ...F child { ...G } } } fragment F on Node { id } fragment G on Node { child { id } }')).toEqual([depthError(4)]);
  });

  it("counts a fragment's aliases at every spread, never __typename aliases", () => {
    expect(check('{ a: node { id } b: node { id } }')).toEqual([]);
    expect(check('{ a: node { id } b: node { id } c: node { id } }')).toEqual([aliasError(3)]);
    expect(check('{ node { ...F ...F } } fragment F on Node { x: id }')).toEqual([]);
    expect(check('{ node { ...F child { ...F } } ...Q } fragment F on Node { x: id } fragment Q on Query { y: node { id } }')).toEqual([aliasError(3)]);
    expect(check('{ t: __typename node { kind: __typename u: __typename } }')).toEqual([]);
  });

  it('checks each operation of a document on its own', () => {
    expect(check('query A { a: node { id } b: node { id } } query B { c: node { id } }')).toEqual([]);
    expect(check('query A { node { id } } query B { node { child { child { child { id } } } } }')).toEqual([depthError(5)]);
  });

  it('reports both limits when both are passed', () => {
    expect(check('{ a: node { child { child { child { id } } } } b: node { id } c: node { id } }')).toEqual([depthError(5), aliasError(3)]);
  });

  it('lets introspection through whatever its depth', () => {
    const introspection = '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }';
    expect(check(introspection)).toEqual([]);
  });

  it('survives a fragment cycle, which the spec rule reports', () => {
    const errors = check('{ node { ...F } } fragment F on Node { child { ...G } } fragment G on Node { child { ...F } }');
    expect(errors.map((e) => e.message)).toEqual([
      'Cannot spread fragment "F" within itself via "G".',
    ]);
  });
});

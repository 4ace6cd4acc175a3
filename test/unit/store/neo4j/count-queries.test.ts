import { EDGE_TYPES } from '../../../../src/domain/edge-types';
import { NODE_TYPES } from '../../../../src/domain/node-types';
import { findCypherDir, readCypherFolder } from '../../../../src/store/neo4j/cypher-files';

/**
 * count-node-types.cypher and count-edge-types.cypher have one branch per type (a label or a
 * relationship type cannot be a parameter, and only a written-out one is answered from Neo4j's count
 * store): every branch must count the type it names, and the branches must be the vocabulary's types.
 */
const queries = readCypherFolder(findCypherDir(), 'queries');

function branches(text: string, pattern: RegExp): { matched: string; named: string }[] {
  return [...text.matchAll(pattern)].map((m) => ({ matched: m[1]!, named: m[2]! }));
}

describe('neo4j store: per-type count queries', () => {
  it('count-node-types counts each node type of the vocabulary, by its own label, in vocabulary order', () => {
    const found = branches(queries['count-node-types']!.text, /MATCH \(n:(\w+)\) WITH count\(n\) AS count RETURN '(\w+)' AS type, count/g);
    expect(found).toEqual(NODE_TYPES.map((type) => ({ matched: type, named: type })));
  });

  it('count-edge-types counts each edge type of the vocabulary, by its own relationship type, in vocabulary order', () => {
    const found = branches(queries['count-edge-types']!.text, /MATCH \(\)-\[r:(\w+)\]->\(\) WITH count\(r\) AS count RETURN '(\w+)' AS type, count/g);
    expect(found).toEqual(EDGE_TYPES.map((type) => ({ matched: type, named: type })));
  });
});

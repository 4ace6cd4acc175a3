import type { GraphNode } from '../../../src/domain/graph-records';
import { compareCodes } from '../../../src/domain/sort-key';
import { distinctNodes } from '../../../src/graphql/resolvers/relations';
import { createRandom } from '../../support/create-random';

// The nodes of a relationship field: without repeats, in code order (C2 before C10), then id order.
// Checked against the plain definition (a Map by id, then a sort) on random lists: short and long,
// in order and not, with repeats and with equal codes on different ids.
function reference(nodes: readonly GraphNode[]): GraphNode[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  return [...byId.values()].sort((a, b) => compareCodes(a.code, b.code) || (a.id < b.id ? -1 : 1));
}

const CODES = ['C1', 'C2', 'C10', 'C7', '9.1', '9.10', '9.a', '9.2', 'x', 'X'];

describe('relations: distinctNodes', () => {
  it('answers as a Map by id and a sort, over 3,000 random lists', () => {
    const random = createRandom(12);
    // A node's id is its type and code (toGlobalId), so one id has one code; equal codes of different
    // types are different nodes. A repeat may be another object for the same node.
    const pool: GraphNode[] = Array.from({ length: 40 }, (_, i) => {
      const type = random.pick(['Entity', 'ActionLine', 'SdgTarget']);
      const code = random.pick(CODES);
      return { id: `${type}:${code}`, type, code, name: { en: `copy ${i}` }, props: {}, sources: [] };
    }) as unknown as GraphNode[];
    for (let run = 0; run < 3000; run++) {
      let list = Array.from({ length: random.int(0, 12) }, () => random.pick(pool));
      // A third of them in order already, as a store's neighbours mostly are.
      if (run % 3 === 0) list = reference(list);
      const given = [...list];
      const answer = distinctNodes(list);
      expect(answer).toEqual(reference(list));
      expect(list).toEqual(given); // the input is never reordered
      if (list.length > 0) expect(answer).not.toBe(list);
    }
  });
});

import neo4j from 'neo4j-driver';
import { loadSeeds } from '../../../../src/seeds/load-seeds';
import {
  fromEdgeProperties,
  fromNeo4jValue,
  fromNodeProperties,
  toEdgeProperties,
  toNodeProperties,
  toSearchText,
} from '../../../../src/store/neo4j/record-mapping';
import { normaliseText } from '../../../../src/store/text-index';
import { toSortKey } from '../../../../src/domain/sort-key';

const seeds = loadSeeds();
const nodes = seeds.nodeFiles.flatMap((file) => file.records);
const edges = seeds.edgeFiles.flatMap((file) => file.records);

describe('neo4j store: record ↔ property mapping', () => {
  it.each([...new Set(nodes.map((node) => node.type))])('round-trips every %s node of the seeds', (type) => {
    const ofType = nodes.filter((node) => node.type === type);
    expect(ofType.map((node) => fromNodeProperties(toNodeProperties(node)))).toEqual(ofType);
  });

  it.each([...new Set(edges.map((edge) => edge.type))])('round-trips every %s edge of the seeds', (type) => {
    const ofType = edges.filter((edge) => edge.type === type);
    expect(ofType.map((edge) => fromEdgeProperties(edge.type, edge.from, edge.to, toEdgeProperties(edge)))).toEqual(ofType);
  });

  it('stores only scalars and homogeneous lists, as Neo4j properties must be', () => {
    // A driver Integer counts as its own kind of scalar: a list must not mix it with floats.
    const kindOf = (v: unknown) => (neo4j.isInt(v) ? 'integer' : typeof v);
    const isScalar = (v: unknown) => ['string', 'number', 'boolean', 'integer'].includes(kindOf(v));
    for (const properties of [...nodes.map(toNodeProperties), ...edges.map(toEdgeProperties)]) {
      for (const value of Object.values(properties)) {
        const ok = isScalar(value) || (Array.isArray(value) && new Set(value.map(kindOf)).size <= 1 && value.every(isScalar));
        expect({ value, ok }).toEqual({ value, ok: true });
      }
    }
  });

  it('stores integral numbers (year, version, number …) as Neo4j Integers and reads them back as numbers', () => {
    const node = {
      id: 'Resolution:A/RES/70/125',
      type: 'Resolution' as const,
      code: 'A/RES/70/125',
      name: { en: 'Outcome document' },
      props: { year: 2015, share: 0.5, paragraphs: [33, 65], weights: [1, 2.5] },
      provenance: { sources: [{ document: 'A/RES/70/125' }], confidence: 'source' as const },
    };
    const stored = toNodeProperties(node);
    expect({
      year: neo4j.isInt(stored.p_year) && (stored.p_year as { toNumber(): number }).toNumber(),
      share: stored.p_share,
      paragraphs: (stored.p_paragraphs as unknown[]).map((v) => neo4j.isInt(v)),
      weights: stored.p_weights,
    }).toEqual({ year: 2015, share: 0.5, paragraphs: [true, true], weights: [1, 2.5] });
    expect(fromNodeProperties(stored)).toEqual(node);
  });

  it('lays a node out flat: names by language, props with p_, provenance as JSON, sort key and search text', () => {
    const node = {
      id: 'SdgTarget:9.c',
      type: 'SdgTarget' as const,
      code: '9.c',
      name: { en: 'Access to ICT', zh: '信息和通信技术' },
      props: { goal: '9', listed: ['a', 'b'] },
      provenance: { sources: [{ document: 'A/RES/70/1' }], confidence: 'source' as const },
    };
    expect(toNodeProperties(node)).toEqual({
      id: 'SdgTarget:9.c',
      type: 'SdgTarget',
      code: '9.c',
      sortKey: toSortKey('9.c'),
      name_en: 'Access to ICT',
      name_zh: '信息和通信技术',
      p_goal: '9',
      p_listed: ['a', 'b'],
      provenance_json: JSON.stringify(node.provenance),
      searchText: ['9.c', '信息和通信技术', 'Access to ICT'].map(normaliseText).join('\n'),
    });
    expect(toSearchText(node)).toBe('9 c\n信息和通信技术\naccess to ict');
  });

  it('reads Integers as numbers and temporal values as ISO strings, in lists too', () => {
    const stored = {
      ...toNodeProperties(nodes[0]!),
      p_year: neo4j.int(2015),
      p_years: [neo4j.int(2003), neo4j.int(2005)],
      p_adopted: new neo4j.types.Date(2015, 9, 25),
      p_at: new neo4j.types.DateTime(2024, 9, 22, 10, 30, 0, 0, 0),
    };
    expect(fromNodeProperties(stored).props).toEqual({
      ...nodes[0]!.props,
      year: 2015,
      years: [2003, 2005],
      adopted: '2015-09-25',
      at: '2024-09-22T10:30:00Z',
    });
    expect(() => fromNeo4jValue(neo4j.int('9007199254740993'))).toThrow(RangeError);
  });

  it('returns deep-frozen records, as the port requires', () => {
    const node = fromNodeProperties(toNodeProperties(nodes[0]!));
    expect(Object.isFrozen(node) && Object.isFrozen(node.name) && Object.isFrozen(node.props) && Object.isFrozen(node.provenance)).toBe(true);
  });

  it('names the record and key when a stored node lacks a fixed property', () => {
    const { provenance_json: _dropped, ...broken } = toNodeProperties(nodes[0]!);
    expect(() => fromNodeProperties(broken)).toThrow(`Stored record "${nodes[0]!.id}" has no string property "provenance_json".`);
  });
});

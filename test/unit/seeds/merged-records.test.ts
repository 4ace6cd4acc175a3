import { loadSeeds } from '../../../src/seeds/load-seeds';
import type { GraphNode } from '../../../src/domain/graph-records';

const seeds = loadSeeds();
const nodes = seeds.nodeFiles.flatMap((f) => f.records);
const edges = seeds.edgeFiles.flatMap((f) => f.records);
const byId = new Map(nodes.map((n) => [n.id, n]));

describe('seeds: one node per thing', () => {
  it('has no two nodes (texts aside, which share titles) with the same English or Chinese name', () => {
    const seen = new Map<string, string>();
    const doubles: string[] = [];
    const key = (text: string) => text.toLowerCase().replace(/[^a-z0-9\u3400-\u9fff]/g, '');
    for (const node of nodes.filter((n) => n.type !== 'Resolution' && n.type !== 'Paragraph')) {
      for (const text of [node.name.en, node.name.zh]) {
        if (!text || key(text).length < 4) continue;
        const other = seen.get(key(text));
        if (other && other !== node.id) doubles.push(`${other} = ${node.id} ("${text}")`);
        seen.set(key(text), node.id);
      }
    }
    expect(doubles).toEqual([]);
  });

  it.each([
    ['Initiative:ai_advisory_body', 'Entity:AIAB'],
    ['Initiative:hlab_effective_multilateralism', 'Entity:HLAB'],
    ['Initiative:iawg_ai', 'Entity:IAWG_AI'],
  ])('keeps %s only as an alias of %s', (alias, id) => {
    expect(byId.has(alias)).toBe(false);
    expect(byId.get(id)?.props.aliases).toContain(alias);
    expect(edges.filter((e) => e.from === alias || e.to === alias)).toEqual([]);
  });

  it('gives no alias twice and never the id of an existing node', () => {
    const aliases = nodes.flatMap((n: GraphNode) => (Array.isArray(n.props.aliases) ? (n.props.aliases as string[]) : []));
    expect(new Set(aliases).size).toBe(aliases.length);
    expect(aliases.filter((a) => byId.has(a))).toEqual([]);
  });
});

describe('seeds: the corrections of issue #15, each with its source', () => {
  const edge = (id: string) => edges.find((e) => e.id === id);

  it('has the Tech Envoy office host the AI Advisory Body secretariat, and the body not report hosting it', () => {
    const hosted = edge('LED_BY|Entity:AIAB|Entity:OSET');
    expect(hosted?.props.role).toBe('secretariat');
    expect(hosted?.provenance.sources).toContainEqual({ document: 'seed 004_b40f39dda7347d2d.txt', paragraph: '83' });
    expect(edges.filter((e) => e.type === 'REPORTS_ACTIVITY' && e.from === 'Entity:AIAB')).toEqual([]);
  });

  it('has FAO lead no initiative that no source says it leads', () => {
    expect(edge('LED_BY|Initiative:digital_villages_initiative|Entity:FAO')).toBeUndefined();
    expect(edge('LED_BY|Initiative:digital_agriculture_innovation_hubs|Entity:FAO')).toBeUndefined();
    // What the source does say stays: FAO reported them.
    expect(edge('REPORTS_ACTIVITY|Entity:FAO|ActionLine:C7.e-agriculture|A004-68-2')).toBeDefined();
  });

  it('has no text follow up, reaffirm, revise or endorse a text dated after it', () => {
    const year = (n: GraphNode | undefined) => Number(String(n?.props.date ?? n?.props.year ?? '').slice(0, 4)) || undefined;
    const backwards = edges
      .filter((e) => ['FOLLOWS_UP', 'REAFFIRMS', 'REVISES', 'ENDORSES'].includes(e.type))
      .filter((e) => {
        const [from, to] = [year(byId.get(e.from)), year(byId.get(e.to))];
        return from !== undefined && to !== undefined && from < to;
      })
      .map((e) => e.id);
    expect(backwards).toEqual([]);
    expect(edge('FOLLOWS_UP|Resolution:WSIS10-STATEMENT|Resolution:ITU-COUNCIL-RES-1334-2013')).toBeDefined();
  });
});

describe('seeds: meeting facts are Meeting nodes, not strings', () => {
  it.each([
    ['Process:IGF', /18th IGF/],
    ['Entity:CSTD', /26th session/],
    ['Entity:CSW', /CSW67 \(2023\)/],
    ['Process:UNGIS', /First met July 2006/],
    ['Entity:CSTD_WGDG', /first meeting/],
  ])('%s keeps no fact matching %s', (id, pattern) => {
    const facts = (byId.get(id)?.props.facts as string[] | undefined) ?? [];
    expect(facts.filter((f) => pattern.test(f))).toEqual([]);
  });
});

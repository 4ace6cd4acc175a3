import type { GraphEdge, GraphNode } from '../../../src/domain/graph-records';
import { checkSeeds } from '../../../src/seeds/check-seeds';
import { ENTITIES_AS_PROCESSES, INITIATIVES_AS_ENTITIES, INITIATIVES_AS_PROCESSES } from '../../../src/seeds/import/id-map';
import { readCurated } from '../../../src/seeds/import/import-curated';
import { findSeedsDir } from '../../../src/seeds/load-seeds';
import path from 'node:path';
import { loadSeeds } from '../../../src/seeds/load-seeds';

// The project's own seeds/ folder, loaded once; expectations come from the
// documented facts of the reference data (shared/data SOURCES.md), not from a snapshot.
const seeds = loadSeeds();
const nodes: GraphNode[] = seeds.nodeFiles.flatMap((f) => f.records);
const edges: GraphEdge[] = seeds.edgeFiles.flatMap((f) => f.records);
const byId = new Map(nodes.map((n) => [n.id, n]));
const edgesOf = (type: GraphEdge['type']) => edges.filter((e) => e.type === type);
const { errors, counts } = checkSeeds(seeds);

describe('seeds: integrity', () => {
  it('pass checkSeeds', () => {
    expect(errors).toEqual([]);
  });

  it('carry a semver plus content hash version', () => {
    expect(seeds.version).toMatch(/^\d+\.\d+\.\d+\+[0-9a-f]{12}$/);
  });

  it('say how every derived fact was derived', () => {
    const derived = [...nodes, ...edges].filter((r) => r.provenance.confidence === 'derived');
    expect(derived.length).toBeGreaterThan(0);
    expect(derived.filter((r) => !r.provenance.method)).toEqual([]);
  });

  it('never hold the same thing as both an Entity and a Process', () => {
    const movedEntities = Object.keys(ENTITIES_AS_PROCESSES).filter((id) => byId.has(`Entity:${id}`));
    expect(movedEntities).toEqual([]);
    const movedInitiatives = Object.keys(INITIATIVES_AS_PROCESSES).filter((id) => byId.has(`Initiative:${id}`));
    expect(movedInitiatives).toEqual([]);
  });
});

describe('seeds: counts match the reference data', () => {
  it('hold the SDG framework after the 2023 refinement', () => {
    // 17 goals, 169 targets, 232 distinct UNSD codes over 248 listings
    expect(counts.nodes).toMatchObject({ SdgGoal: 17, SdgTarget: 169, SdgIndicator: 232 });
    expect(counts.edges).toMatchObject({ TARGET_OF: 169, INDICATOR_OF: 248 });
  });

  it('hold 11 action lines, 8 C7 sub-lines and 3 Tunis themes', () => {
    const lines = nodes.filter((n) => n.type === 'ActionLine');
    expect(lines.filter((n) => n.props.kind === 'action_line')).toHaveLength(11);
    expect(lines.filter((n) => n.props.kind === 'sub_line')).toHaveLength(8);
    expect(counts.edges.SUB_LINE_OF).toBe(8);
    expect(counts.nodes.Theme).toBe(3);
  });

  it('hold the entities, initiatives and resolutions of the data, minus those moved to Process, plus the curated ones', () => {
    const curated = readCurated(path.join(findSeedsDir(), 'curated', 'documents.json'));
    const added = (type: string) => curated.nodes.filter((n) => n.type === type).length;
    // entities.json 109; + 3 bodies the GDC data creates (AI panel, CSTD working group, ODET); + those the documents name
    expect(counts.nodes.Entity).toBe(109 - Object.keys(ENTITIES_AS_PROCESSES).length + 3 + added('Entity'));
    // initiatives.json 62, minus those that are processes or the same body as an entity (merged, id kept as alias)
    expect(counts.nodes.Initiative).toBe(
      62 - Object.keys(INITIATIVES_AS_PROCESSES).length - Object.keys(INITIATIVES_AS_ENTITIES).length + added('Initiative'),
    );
    // resolutions.json 59; + A/RES/79/325 (gdc.json), A/RES/79/323 (wsis20 preamble), Council Res. 1334 (Mod. 2013) (a correction)
    expect(counts.nodes.Resolution).toBe(62 + added('Resolution'));
    expect(byId.has('Resolution:A/RES/79/1')).toBe(true);
    expect(byId.get('Resolution:A/RES/80/173')?.props.date).toBe('2025-12-17');
  });

  it('hold the 5 GDC objectives, 20 commitment records and no principles (para 8 list not found)', () => {
    expect(counts.nodes).toMatchObject({ GdcObjective: 5, GdcCommitment: 20, GdcPrinciple: 0 });
    const commitments = nodes.filter((n) => n.type === 'GdcCommitment');
    expect(commitments.filter((n) => n.props.status === 'adopted')).toHaveLength(16);
  });

  it('hold all 191 matrix links (163 to targets, 28 to goals) and the 33 facilitator roles plus the dated C4 conflict', () => {
    const matrix = edgesOf('MATRIX_LINK');
    expect(matrix).toHaveLength(191);
    expect(matrix.filter((e) => e.props.level === 'target')).toHaveLength(163);
    // 33 roles of action_lines.json + the dated ITU C4 co-facilitation (facilitator_role_evidence.json conflict)
    expect(counts.edges.FACILITATES).toBe(34);
  });
});

describe('seeds: known answers', () => {
  it('link target 9.c to the action lines of the matrix, with its Chinese title', () => {
    const lines = edgesOf('MATRIX_LINK')
      .filter((e) => e.to === 'SdgTarget:9.c')
      .map((e) => e.from)
      .sort();
    expect(lines).toEqual([
      'ActionLine:C2',
      'ActionLine:C5',
      'ActionLine:C6',
      'ActionLine:C7.e-agriculture',
      'ActionLine:C7.e-government',
      'ActionLine:C9',
    ]);
    expect(byId.get('SdgTarget:9.c')?.name.zh).toMatch(/^大幅提升信息和通信技术的普及度/);
  });

  it("give ITU its roles: lead C2 C4 C5 C6, co-facilitator C1 C3 C7 C11, contributor C8-C10 (today: roles with an end date aside)", () => {
    const roles = edgesOf('FACILITATES')
      .filter((e) => e.from === 'Entity:ITU' && !e.to.includes('.') && e.props.until === undefined)
      .map((e) => `${e.to.slice('ActionLine:'.length)} ${String(e.props.role)}`)
      .sort();
    expect(roles).toEqual([
      'C1 co_facilitator',
      'C10 contributor',
      'C11 co_facilitator',
      'C2 lead_facilitator',
      'C3 co_facilitator',
      'C4 lead_facilitator',
      'C5 lead_facilitator',
      'C6 lead_facilitator',
      'C7 co_facilitator',
      'C8 contributor',
      'C9 contributor',
    ]);
  });

  it('record UNDP as former lead of C6', () => {
    const edge = edgesOf('FACILITATES').find((e) => e.from === 'Entity:UNDP' && e.to === 'ActionLine:C6');
    expect(edge?.props).toMatchObject({ role: 'former_lead', roleInData: 'former_lead_facilitator' });
  });

  it('give the CSTD its WSIS follow-up mandate from E/RES/2006/46', () => {
    const mandate = edgesOf('MANDATES').find((e) => e.from === 'Resolution:E/RES/2006/46' && e.to === 'Entity:CSTD');
    expect(mandate?.provenance.sources[0]).toEqual({ document: 'E/RES/2006/46' });
    expect(mandate?.props.action).toMatch(/focal point/);
  });

  it('keep one indicator node per UNSD code, linked to every target it is listed under', () => {
    const indicator = byId.get('SdgIndicator:1.5.1');
    expect(indicator?.props.listedAs).toEqual(['1.5.1', '11.5.1', '13.1.1']);
    expect(byId.has('SdgIndicator:11.5.1')).toBe(false);
    const targets = edgesOf('INDICATOR_OF')
      .filter((e) => e.from === 'SdgIndicator:1.5.1')
      .map((e) => e.to)
      .sort();
    expect(targets).toEqual(['SdgTarget:1.5', 'SdgTarget:11.5', 'SdgTarget:13.1']);
  });

  it('flag the matrix pairs whose three source views disagree', () => {
    const flagged = edgesOf('MATRIX_LINK').filter((e) => e.provenance.flags?.includes('matrix_views_disagree'));
    const pairs = new Set(flagged.map((e) => `${e.from}|${String(e.props.goal)}`));
    expect(pairs.size).toBe(8); // SOURCES.md: 8 of 127 action-line/goal pairs conflict
  });

  it('make GDC ↔ action line links only as derived ones', () => {
    const links = edgesOf('CORRESPONDS_TO');
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((e) => e.provenance.confidence !== 'derived')).toEqual([]);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GraphEdge, GraphNode } from '../../../src/domain/graph-records';
import { checkSeeds, type CheckableSeedSet } from '../../../src/seeds/check-seeds';
import { loadSeeds } from '../../../src/seeds/load-seeds';
import { testEdge, testNode } from '../../support/graph-records';

// A minimal sound seed set: goal 9, target 9.c, action line C2 and its matrix link.
const node = (type: GraphNode['type'], code: string, props: GraphNode['props'] = {}) => testNode(type, code, { props });
const edge = (type: GraphEdge['type'], from: string, to: string) => testEdge(type, from, to);
function fixture(): CheckableSeedSet {
  return {
    nodeFiles: [
      { file: 'nodes/sdg-goal.json', records: [node('SdgGoal', '9')] },
      { file: 'nodes/sdg-target.json', records: [node('SdgTarget', '9.c', { goal: '9', kind: 'means_of_implementation' })] },
      { file: 'nodes/action-line.json', records: [node('ActionLine', 'C2', { kind: 'action_line' })] },
    ],
    edgeFiles: [
      {
        file: 'edges/sdg.json',
        records: [edge('TARGET_OF', 'SdgTarget:9.c', 'SdgGoal:9'), edge('MATRIX_LINK', 'ActionLine:C2', 'SdgTarget:9.c')],
      },
    ],
  };
}

describe('checkSeeds: sound seeds', () => {
  it('reports no error and counts every type, absent ones as 0', () => {
    const result = checkSeeds(fixture());
    expect(result.errors).toEqual([]);
    expect(result.counts.nodes).toMatchObject({ SdgGoal: 1, SdgTarget: 1, ActionLine: 1, Entity: 0 });
    expect(result.counts.edges).toMatchObject({ TARGET_OF: 1, MATRIX_LINK: 1, FACILITATES: 0 });
  });
});

describe('checkSeeds: broken seeds', () => {
  it('reports an edge whose end does not exist', () => {
    const seeds = fixture();
    seeds.edgeFiles[0]?.records.push(edge('MATRIX_LINK', 'ActionLine:C2', 'SdgTarget:9.z'));
    expect(checkSeeds(seeds).errors).toEqual([
      'edges/sdg.json: edge "MATRIX_LINK|ActionLine:C2|SdgTarget:9.z" points to "SdgTarget:9.z", which is not a node.',
    ]);
  });

  it('reports a duplicate node id across files and a duplicate edge id', () => {
    const seeds = fixture();
    seeds.nodeFiles.push({ file: 'nodes/extra.json', records: [node('SdgGoal', '9')] });
    seeds.edgeFiles.push({ file: 'edges/extra.json', records: [edge('TARGET_OF', 'SdgTarget:9.c', 'SdgGoal:9')] });
    expect(checkSeeds(seeds).errors).toEqual([
      'nodes/extra.json: duplicate node id "SdgGoal:9".',
      'edges/extra.json: duplicate edge id "TARGET_OF|SdgTarget:9.c|SdgGoal:9".',
    ]);
  });

  it.each([
    ['SdgGoal', '18'],
    ['SdgTarget', '9.C'],
    ['ActionLine', 'C12'],
    ['ActionLine', 'C2.e-health'],
    ['SdgIndicator', '9.c'],
    ['Paragraph', 'A/RES/80/173'],
  ] as const)('reports the malformed %s code "%s"', (type, code) => {
    const seeds = fixture();
    const props: GraphNode['props'] = type === 'Paragraph' ? { document: code } : type === 'SdgIndicator' ? { listedAs: [code] } : {};
    seeds.nodeFiles.push({ file: 'nodes/bad.json', records: [node(type, code, props)] });
    const errors = checkSeeds(seeds).errors;
    expect(errors.some((e) => e.startsWith(`nodes/bad.json: ${type} code "${code}" is malformed`))).toBe(true);
  });

  it('reports an edge between types its vocabulary does not allow', () => {
    const seeds = fixture();
    seeds.edgeFiles[0]?.records.push(edge('FACILITATES', 'SdgGoal:9', 'ActionLine:C2'));
    expect(checkSeeds(seeds).errors).toEqual([
      'edges/sdg.json: edge "FACILITATES|SdgGoal:9|ActionLine:C2" does not match the edge schema: FACILITATES does not join SdgGoal to ActionLine.',
      'edges/sdg.json: edge "FACILITATES|SdgGoal:9|ActionLine:C2" does not match the edge schema: role is nothing; expected a required one of lead_facilitator, co_facilitator, facilitator, contributor, former_lead.',
    ]);
  });

  it('reports a target joined to another goal than its own', () => {
    const seeds = fixture();
    seeds.nodeFiles[0]?.records.push(node('SdgGoal', '10'));
    seeds.edgeFiles[0]?.records.push(edge('TARGET_OF', 'SdgTarget:9.c', 'SdgGoal:10'));
    expect(checkSeeds(seeds).errors).toEqual([
      'edges/sdg.json: "TARGET_OF|SdgTarget:9.c|SdgGoal:10" joins a target to a goal that is not its own (expected SdgGoal:9).',
      'SdgTarget "9.c" has 2 where SdgTarget.goal needs exactly 1 TARGET_OF link from it.',
    ]);
  });

  it('reports a node without a link it needs (a target without its goal)', () => {
    const seeds = fixture();
    seeds.edgeFiles[0]!.records = seeds.edgeFiles[0]!.records.filter((e) => e.type !== 'TARGET_OF');
    expect(checkSeeds(seeds).errors).toEqual(['SdgTarget "9.c" has 0 where SdgTarget.goal needs exactly 1 TARGET_OF link from it.']);
  });

  it('reports a prop outside its enum and a FACILITATES link without a role, naming value and expectation', () => {
    const seeds = fixture();
    seeds.nodeFiles[2]!.records = [node('ActionLine', 'C2', { kind: 'pillar' })];
    seeds.nodeFiles.push({ file: 'nodes/entity.json', records: [node('Entity', 'UNESCO')] });
    seeds.edgeFiles[0]?.records.push(edge('FACILITATES', 'Entity:UNESCO', 'ActionLine:C2'));
    expect(checkSeeds(seeds).errors).toEqual([
      'nodes/action-line.json: node "ActionLine:C2" does not match the node schema: kind is "pillar"; expected one of action_line, sub_line.',
      'edges/sdg.json: edge "FACILITATES|Entity:UNESCO|ActionLine:C2" does not match the edge schema: role is nothing; expected a required one of lead_facilitator, co_facilitator, facilitator, contributor, former_lead.',
    ]);
  });
});

describe('checkSeeds: seeds read from disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'seeds-'));
    mkdirSync(path.join(dir, 'nodes'));
    mkdirSync(path.join(dir, 'edges'));
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ version: '1.0.0', builtAt: '2026-01-01T00:00:00Z' }));
    const seeds = fixture();
    for (const f of [...seeds.nodeFiles, ...seeds.edgeFiles]) writeFileSync(path.join(dir, f.file), JSON.stringify(f.records));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('passes a sound folder and fails once a reference is broken', () => {
    expect(checkSeeds(loadSeeds(dir)).errors).toEqual([]);
    const broken = fixture().edgeFiles[0]?.records.map((e) => (e.type === 'MATRIX_LINK' ? { ...e, from: 'ActionLine:C3', id: 'MATRIX_LINK|ActionLine:C3|SdgTarget:9.c' } : e));
    writeFileSync(path.join(dir, 'edges/sdg.json'), JSON.stringify(broken));
    expect(checkSeeds(loadSeeds(dir)).errors).toEqual([
      'edges/sdg.json: edge "MATRIX_LINK|ActionLine:C3|SdgTarget:9.c" points to "ActionLine:C3", which is not a node.',
    ]);
  });

  it('reads a kind split over several files as one (a file per kind would pass V8\'s longest string at about 600k nodes)', () => {
    const whole = loadSeeds(dir);
    for (const f of [...fixture().nodeFiles, ...fixture().edgeFiles]) {
      if (f.records.length < 2) continue;
      rmSync(path.join(dir, f.file));
      const half = Math.ceil(f.records.length / 2);
      writeFileSync(path.join(dir, f.file.replace(/\.json$/, '-part1.json')), JSON.stringify(f.records.slice(0, half)));
      writeFileSync(path.join(dir, f.file.replace(/\.json$/, '-part2.json')), JSON.stringify(f.records.slice(half)));
    }
    const split = loadSeeds(dir);
    expect(split.nodeFiles.length + split.edgeFiles.length).toBeGreaterThan(whole.nodeFiles.length + whole.edgeFiles.length);
    const records = (seeds: typeof whole) =>
      [...seeds.nodeFiles.flatMap((f) => f.records), ...seeds.edgeFiles.flatMap((f) => f.records)].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(records(split)).toEqual(records(whole));
    expect(checkSeeds(split).errors).toEqual([]);
  });

  it('makes `seeds:check` exit 1 and name the broken reference', () => {
    const broken = fixture().edgeFiles[0]?.records.map((e) => (e.type === 'TARGET_OF' ? { ...e, to: 'SdgGoal:99', id: 'TARGET_OF|SdgTarget:9.c|SdgGoal:99' } : e));
    writeFileSync(path.join(dir, 'edges/sdg.json'), JSON.stringify(broken));
    const root = path.resolve(__dirname, '..', '..', '..');
    const run = spawnSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'src/cli/check-seeds.ts'), dir], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('points to "SdgGoal:99", which is not a node.');
    expect(run.stdout).toContain('dataset version 1.0.0+');
  }, 30_000);
});

